import "server-only";
import { notFound } from "next/navigation";
import type { User } from "@/lib/auth/accounts";
import { requirePageUser } from "@/lib/auth/require-page-user";

/** Admin pages: staff and admins only; anyone else gets a 404, as if the page did not exist. */
export async function requireStaffPage(returnTo: string, roles: readonly User["role"][] = ["staff", "admin"]): Promise<User> {
  const user = await requirePageUser(returnTo);
  if (!roles.includes(user.role)) notFound();
  return user;
}
