import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { savedPaymentMethods } from "@/db/schema";
import { notFound } from "@/lib/errors";

export type SavedMethod = typeof savedPaymentMethods.$inferSelect;

/** A user's saved methods, newest first. Only gateway tokens and display details are stored. */
export function listSavedMethods(userId: string, ex: Executor = db): Promise<SavedMethod[]> {
  return ex.select().from(savedPaymentMethods).where(eq(savedPaymentMethods.userId, userId)).orderBy(desc(savedPaymentMethods.createdAt));
}

/** Removes one of the user's own methods; another user's id answers 404. */
export async function removeSavedMethod(userId: string, id: string, ex: Executor = db): Promise<void> {
  const deleted = await ex
    .delete(savedPaymentMethods)
    .where(and(eq(savedPaymentMethods.id, id), eq(savedPaymentMethods.userId, userId)))
    .returning({ id: savedPaymentMethods.id });
  if (!deleted.length) throw notFound("Payment method");
}

export function describeMethod(m: Pick<SavedMethod, "kind" | "brand" | "last4" | "expMonth" | "expYear">): string {
  const brand = m.brand.charAt(0).toUpperCase() + m.brand.slice(1);
  if (m.kind === "CARD") return `${brand} •••• ${m.last4 ?? "????"}${m.expMonth ? `, expires ${String(m.expMonth).padStart(2, "0")}/${String(m.expYear).slice(-2)}` : ""}`;
  if (m.kind === "UPI") return `UPI · ${brand}`;
  return `${brand} wallet`;
}
