import { sessionUser } from "@/lib/auth/current-user";
import { navFor } from "@/lib/admin/nav";
import { AdminNav } from "@/components/admin/admin-nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Only links the signed-in role may open (a staff member sees no audit log); pages check again.
  const user = await sessionUser();
  const links = user ? navFor(user.role).map(({ href, label }) => ({ href, label })) : [];
  return (
    <div className="space-y-4">
      {links.length ? <AdminNav links={links} /> : null}
      {children}
    </div>
  );
}
