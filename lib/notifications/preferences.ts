import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";

export const preferencesSchema = z.object({
  notifyEmail: z.boolean(),
  notifySms: z.boolean(),
  showReminders: z.boolean(),
});
export type Preferences = z.output<typeof preferencesSchema>;

export async function getPreferences(userId: string): Promise<Preferences & { phone: string | null }> {
  const [row] = await queryRows<Preferences & { phone: string | null }>(
    db,
    sql`SELECT notify_email AS "notifyEmail", notify_sms AS "notifySms", show_reminders AS "showReminders", phone FROM users WHERE id = ${userId}::uuid`,
  );
  return row ?? { notifyEmail: true, notifySms: false, showReminders: true, phone: null };
}

export async function setPreferences(userId: string, p: Preferences): Promise<void> {
  await db.execute(sql`UPDATE users SET notify_email = ${p.notifyEmail}, notify_sms = ${p.notifySms}, show_reminders = ${p.showReminders} WHERE id = ${userId}::uuid`);
}
