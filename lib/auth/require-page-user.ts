import "server-only";
import { redirect } from "next/navigation";
import type { User } from "./accounts";
import { sessionUser } from "./current-user";

/** For pages: the signed-in user, or a trip to sign-in that comes back here afterwards. */
export async function requirePageUser(returnTo: string): Promise<User> {
  const user = await sessionUser();
  if (!user) redirect(`/signin?${new URLSearchParams({ callbackUrl: returnTo })}`);
  return user;
}
