import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { User } from "./accounts";

export const userIdParams = z.object({ userId: z.uuid("must be a user id (UUID)") });

/** Users read only their own data; anyone else's answers 404, as if it did not exist. */
export function requireSelf(user: User, userId: string): void {
  if (user.id !== userId) throw new AppError("NOT_FOUND", "User not found");
}
