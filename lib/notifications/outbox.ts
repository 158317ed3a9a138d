import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { outbox } from "@/db/schema";

export type OutboxMessage = {
  channel: "EMAIL" | "SMS";
  kind: string;
  userId?: string | null;
  recipient: string;
  subject: string;
  bodyText: string;
  bodyHtml?: string;
  /** Same key ⇒ queued once, however often the cause is replayed. */
  dedupeKey?: string;
  /** What the sender needs besides the text (e.g. { bookingId } for the ticket attachments). */
  payload?: Record<string, string>;
};

/** Queues a message. Call it with the transaction that makes the change the message reports. */
export async function enqueue(tx: Executor, message: OutboxMessage): Promise<void> {
  await tx
    .insert(outbox)
    .values({ ...message, userId: message.userId ?? null })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

/** Newest messages first, for the dev mailbox (optionally for one recipient). */
export function listOutbox(opts: { recipient?: string; limit?: number } = {}, ex: Executor = db) {
  return ex
    .select()
    .from(outbox)
    .where(opts.recipient ? eq(sql`lower(${outbox.recipient})`, opts.recipient.toLowerCase()) : undefined)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(opts.limit ?? 50);
}

export async function getOutboxMessage(id: string, ex: Executor = db) {
  const [row] = await ex.select().from(outbox).where(and(eq(outbox.id, id))).limit(1);
  return row;
}
