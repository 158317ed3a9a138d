// The outbox dispatcher: sends due messages with retries and exponential backoff. A message is
// claimed (SKIP LOCKED, with a lease and a claim token) before it is sent, and only the claimer
// can mark it SENT — so two dispatchers running at once never both send or both mark a message.
// A dispatcher that dies mid-send leaves a lease that expires; the message is then retried.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { ticketQrPng } from "@/lib/tickets/qr";
import { getTicket, ticketIcs } from "@/lib/tickets/ticket";
import { envVar } from "@/lib/env.js";
import { isDraining } from "@/lib/telemetry/lifecycle.mjs";
import { log } from "@/lib/telemetry/log.mjs";
import { metrics } from "@/lib/telemetry/metrics.mjs";
import { EMAIL_SEND_TIMEOUT_MS, SMS_SEND_TIMEOUT_MS, emailTransport, smsTransport, type Attachment } from "./transports";

export const MAX_ATTEMPTS = 8;
/**
 * A claim lasts longer than the slowest send (transports give up at their deadline), plus a minute
 * for the ticket attachments and the database, so a message is never claimed by two senders while
 * one is still sending it. Each message's lease is renewed just before its send: a batch is sent
 * one message after another.
 */
export const LEASE_SECONDS = Math.ceil(Math.max(EMAIL_SEND_TIMEOUT_MS, SMS_SEND_TIMEOUT_MS) / 1000) + 60;

/** Seconds before retry n (1-based): 30 s, 60 s, 2 min … capped at an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}

type Claimed = {
  id: string;
  channel: "EMAIL" | "SMS";
  kind: string;
  recipient: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  payload: Record<string, string> | null;
  attempts: number;
  claimToken: string;
};

/** The images a message's HTML shows by cid (the confirmation's ticket QR), as PNGs. */
export async function inlineImagesFor(m: { kind: string; payload: Record<string, string> | null }): Promise<Record<string, Buffer>> {
  const bookingId = m.payload?.bookingId;
  if (m.kind !== "booking_confirmed" || !bookingId) return {};
  const t = await getTicket(null, bookingId);
  return t.token ? { "ticket-qr": ticketQrPng(t.token) } : {};
}

async function attachmentsFor(m: Claimed): Promise<Attachment[]> {
  const bookingId = m.payload?.bookingId;
  if (m.kind !== "booking_confirmed" || !bookingId) return [];
  const t = await getTicket(null, bookingId);
  if (!t.token) return [];
  const png = ticketQrPng(t.token);
  const ics = ticketIcs(t);
  return [
    { filename: `ticket-${t.reference}.png`, content: png, contentType: "image/png", cid: "ticket-qr" },
    { filename: `marquee-${t.reference}.ics`, content: ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" },
  ];
}

/**
 * The Message-ID of an outbox message: derived from its row, so every retry carries the same one. A
 * send the server accepted but whose reply was lost is retried (at least once beats never), and
 * mail clients and providers then show the copies as the one message they are.
 */
export function outboxMessageId(id: string): string {
  return `<${id}@${new URL(envVar("APP_URL")).hostname}>`;
}

const logger = log("outbox");
const running = new Set<Promise<unknown>>();

/**
 * Sends up to `limit` due messages; answers what happened. Safe to run concurrently. When the
 * process is stopping it sends no further message of its batch and hands the rest back.
 */
export function dispatchOutbox(opts: { limit?: number } = {}): Promise<{ sent: number; retried: number; failed: number; released: number }> {
  const run = dispatch(opts);
  running.add(run);
  void run.catch(() => {}).finally(() => running.delete(run));
  return run;
}

/** For the shutdown: waits for dispatch runs in progress (they release what they did not send). */
export async function stopDispatcher(): Promise<void> {
  await Promise.allSettled([...running]);
}

/** Hands back claims not used: the message is due again at once, and no attempt was spent. */
async function release(messages: Claimed[]): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE outbox SET locked_until = NULL, claim_token = NULL, attempts = attempts - 1
        WHERE status = 'PENDING'
          AND (id, claim_token) IN (${sql.join(messages.map((m) => sql`(${m.id}::uuid, ${m.claimToken}::uuid)`), sql`, `)})
        RETURNING id`,
  );
  return rows.length;
}

async function dispatch(opts: { limit?: number }): Promise<{ sent: number; retried: number; failed: number; released: number }> {
  const claimed = await queryRows<Claimed>(
    db,
    sql`UPDATE outbox SET attempts = attempts + 1, claim_token = gen_random_uuid(), locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
        WHERE id IN (
          SELECT id FROM outbox
          WHERE status = 'PENDING' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
          ORDER BY next_attempt_at LIMIT ${opts.limit ?? 50}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, channel, kind, recipient, subject, body_text AS "bodyText", body_html AS "bodyHtml", payload, attempts, claim_token AS "claimToken"`,
  );
  const stats = { sent: 0, retried: 0, failed: 0, released: 0 };
  for (const [i, m] of claimed.entries()) {
    if (isDraining()) {
      stats.released = await release(claimed.slice(i));
      logger.info({ released: stats.released }, "stopping: handed back unsent messages");
      break;
    }
    // Earlier sends of this batch took time: renew the claim, or leave the message to whoever took it over.
    const [mine] = await queryRows<{ id: string }>(
      db,
      sql`UPDATE outbox SET locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
          WHERE id = ${m.id}::uuid AND claim_token = ${m.claimToken}::uuid AND status = 'PENDING' RETURNING id`,
    );
    if (!mine) continue;
    try {
      const result =
        m.channel === "EMAIL"
          ? await emailTransport().send({ to: m.recipient, subject: m.subject, text: m.bodyText, html: m.bodyHtml, attachments: await attachmentsFor(m), messageId: outboxMessageId(m.id) })
          : await smsTransport().send({ to: m.recipient, body: m.bodyText });
      const [marked] = await queryRows<{ id: string }>(
        db,
        sql`UPDATE outbox SET status = 'SENT', sent_at = now(), locked_until = NULL, last_error = NULL, provider_message_id = ${result.id}
            WHERE id = ${m.id}::uuid AND claim_token = ${m.claimToken}::uuid AND status = 'PENDING' RETURNING id`,
      );
      if (marked) stats.sent++;
      metrics.outboxSends.inc({ channel: m.channel, outcome: "sent" });
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const final = m.attempts >= MAX_ATTEMPTS;
      await db.execute(
        sql`UPDATE outbox SET status = ${final ? "FAILED" : "PENDING"}, last_error = ${message}, locked_until = NULL,
              next_attempt_at = now() + make_interval(secs => ${backoffSeconds(m.attempts)})
            WHERE id = ${m.id}::uuid AND claim_token = ${m.claimToken}::uuid AND status = 'PENDING'`,
      );
      if (final) stats.failed++;
      else stats.retried++;
      metrics.outboxSends.inc({ channel: m.channel, outcome: final ? "failed" : "retry" });
      logger.warn({ messageId: m.id, channel: m.channel, kind: m.kind, attempt: m.attempts, final }, `${m.channel} ${m.kind} attempt ${m.attempts} failed: ${message}`);
    }
  }
  return stats;
}

let kicking: Promise<unknown> | null = null;
// Tests dispatch explicitly; a background send would outlive the test's database.
let autoKick = !envVar("VITEST");

export function setDispatcherAutoKick(on: boolean): void {
  autoKick = on;
}

/** After a commit that queued messages: send them now rather than at the next cron tick. */
export function kickDispatcher(): void {
  if (!autoKick) return;
  kicking ??= dispatchOutbox()
    .catch((err: unknown) => logger.error({ err }, "dispatch failed"))
    .finally(() => (kicking = null));
}
