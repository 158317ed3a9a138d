// Webhook endpoints as staff manage them: admins any endpoint (one venue's or every venue's), staff
// only endpoints of their venues (anyone else's answers 404, as if it did not exist). Every change
// and every reveal of a secret is audit-logged in its own transaction.
import "server-only";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { inVenueScope } from "@/db/sql";
import type { User } from "@/lib/auth/accounts";
import { requireVenueAccess, venueScope } from "@/lib/auth/authorize";
import { AppError, notFound } from "@/lib/errors";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/events";
import { dispatchWebhooks } from "@/lib/webhooks/dispatch";
import { emitPing } from "@/lib/webhooks/emit";
import { urlShapeProblem, urlTargetProblem } from "@/lib/webhooks/url";
import { audit } from "./audit";

/** How long the old secret keeps signing after a rotation, so receivers can switch without dropping deliveries. */
export const ROTATION_OVERLAP_HOURS = 24;
export const DELIVERIES_PAGE_SIZE = 25;

export const newSigningSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

// A form sends one value per ticked box: none, one (a string) or several (an array).
const eventTypes = z
  .preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(WEBHOOK_EVENT_TYPES, "Not an event you can subscribe to")).min(1, "Choose at least one event"))
  .transform((a) => [...new Set(a)]);

export const endpointCreateSchema = z.object({
  url: z.string().trim().min(1, "Enter the URL to post to").max(2048, "At most 2048 characters"),
  description: z.string().trim().max(200, "At most 200 characters").default(""),
  eventTypes,
  /** Empty: every venue (admins only). */
  venueId: z.preprocess((v) => (v === "" || v === "all" ? null : v), z.uuid().nullable().default(null)),
});
export const endpointEventsSchema = z.object({ endpointId: z.uuid(), eventTypes, description: z.string().trim().max(200, "At most 200 characters").optional() });
export const endpointIdSchema = z.object({ endpointId: z.uuid() });
export const deliveryIdSchema = z.object({ deliveryId: z.uuid() });
export const endpointStatusSchema = z.object({ endpointId: z.uuid(), enabled: z.enum(["true", "false"]).transform((v) => v === "true") });

export type WebhookEndpointSummary = {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  venueId: string | null;
  venueName: string | null;
  status: "active" | "disabled";
  disabledReason: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  rotatingUntil: Date | null;
  lastDelivery: { status: string; statusCode: number | null; at: Date | null; eventType: string } | null;
  pending: number;
};

const fieldError = (field: string, message: string) => new AppError("VALIDATION_FAILED", message, { details: { fieldErrors: { [field]: [message] } } });

async function checkUrl(url: string): Promise<void> {
  const problem = urlShapeProblem(url) ?? (await urlTargetProblem(url));
  if (problem) throw fieldError("url", problem);
}

const SUMMARY = sql`SELECT e.id, e.url, e.description, e.event_types AS "eventTypes", e.venue_id AS "venueId", v.name AS "venueName", e.status,
         e.disabled_reason AS "disabledReason", e.disabled_at AS "disabledAt", e.created_at AS "createdAt",
         CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret_expires_at END AS "rotatingUntil",
         (SELECT json_build_object('status', d.status, 'statusCode', d.last_status_code, 'at', d.last_attempt_at, 'eventType', ev.type)
            FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
            -- The newest event's attempted delivery: walks the (endpoint, created) index from the top instead of sorting them all.
            WHERE d.endpoint_id = e.id AND d.last_attempt_at IS NOT NULL ORDER BY d.created_at DESC LIMIT 1) AS "lastDelivery",
         (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending')::int AS pending
  FROM webhook_endpoints e LEFT JOIN venues v ON v.id = e.venue_id`;

/** Staff: endpoints of their venues (never the all-venue ones); admins: all. Newest first. */
export async function listWebhookEndpoints(user: User): Promise<WebhookEndpointSummary[]> {
  const scope = await venueScope(user);
  const rows = await queryRows<WebhookEndpointSummary>(db, sql`${SUMMARY} WHERE true ${scope ? sql`AND e.venue_id IS NOT NULL` : sql``} ${inVenueScope(sql`e.venue_id`, scope)} ORDER BY e.created_at DESC`);
  return rows.map((r) => ({ ...r, lastDelivery: r.lastDelivery ? { ...r.lastDelivery, at: r.lastDelivery.at ? new Date(r.lastDelivery.at) : null } : null }));
}

/** One endpoint the caller may manage, or 404. */
export async function getWebhookEndpoint(user: User, endpointId: string): Promise<WebhookEndpointSummary> {
  const [row] = await queryRows<WebhookEndpointSummary>(db, sql`${SUMMARY} WHERE e.id = ${endpointId}::uuid`);
  if (!row) throw notFound("Webhook endpoint");
  if (user.role !== "admin") {
    if (!row.venueId) throw notFound("Webhook endpoint");
    await requireVenueAccess(user, row.venueId).catch(() => {
      throw notFound("Webhook endpoint");
    });
  }
  return { ...row, lastDelivery: row.lastDelivery ? { ...row.lastDelivery, at: row.lastDelivery.at ? new Date(row.lastDelivery.at) : null } : null };
}

/** Registers an endpoint; answers its id and signing secret (shown to its owner). */
export async function createWebhookEndpoint(user: User, input: z.output<typeof endpointCreateSchema>): Promise<{ id: string; secret: string }> {
  if (input.venueId === null) {
    if (user.role !== "admin") throw fieldError("venueId", "Choose one of your venues: only admins receive every venue's events");
  } else {
    await requireVenueAccess(user, input.venueId);
  }
  await checkUrl(input.url);
  const secret = newSigningSecret();
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO webhook_endpoints (url, description, event_types, venue_id, secret, created_by)
          VALUES (${input.url}, ${input.description}, ${`{${input.eventTypes.join(",")}}`}::text[], ${input.venueId}::uuid, ${secret}, ${user.id}::uuid) RETURNING id`,
    );
    await audit(tx, user, "webhooks.create", "webhook_endpoint", row!.id, { url: input.url, eventTypes: input.eventTypes, venueId: input.venueId });
    return { id: row!.id, secret };
  });
}

export async function updateWebhookEvents(user: User, input: z.output<typeof endpointEventsSchema>): Promise<void> {
  const before = await getWebhookEndpoint(user, input.endpointId);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`UPDATE webhook_endpoints SET event_types = ${`{${input.eventTypes.join(",")}}`}::text[], updated_at = now()
          ${input.description !== undefined ? sql`, description = ${input.description}` : sql``} WHERE id = ${input.endpointId}::uuid`,
    );
    await audit(tx, user, "webhooks.update", "webhook_endpoint", input.endpointId, { from: before.eventTypes, to: input.eventTypes });
  });
}

/** Disabling stops deliveries (pending ones wait); enabling resumes them and clears the reason. */
export async function setWebhookEndpointEnabled(user: User, endpointId: string, enabled: boolean): Promise<void> {
  const before = await getWebhookEndpoint(user, endpointId);
  if (enabled) await checkUrl(before.url);
  await db.transaction(async (tx) => {
    await tx.execute(
      enabled
        ? sql`UPDATE webhook_endpoints SET status = 'active', disabled_reason = NULL, disabled_at = NULL, updated_at = now() WHERE id = ${endpointId}::uuid`
        : sql`UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = ${`Disabled by ${user.email}`}, disabled_at = now(), updated_at = now() WHERE id = ${endpointId}::uuid AND status = 'active'`,
    );
    await audit(tx, user, enabled ? "webhooks.enable" : "webhooks.disable", "webhook_endpoint", endpointId);
  });
}

/** A new secret signs from now on; the old one signs alongside it for ROTATION_OVERLAP_HOURS. Answers the new one. */
export async function rotateWebhookSecret(user: User, endpointId: string): Promise<{ secret: string; previousExpiresAt: Date }> {
  await getWebhookEndpoint(user, endpointId);
  const secret = newSigningSecret();
  const previousExpiresAt = new Date(Date.now() + ROTATION_OVERLAP_HOURS * 3600_000);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = ${previousExpiresAt.toISOString()}::timestamptz, secret = ${secret}, updated_at = now()
          WHERE id = ${endpointId}::uuid`,
    );
    await audit(tx, user, "webhooks.rotate_secret", "webhook_endpoint", endpointId, { previousExpiresAt: previousExpiresAt.toISOString() });
  });
  return { secret, previousExpiresAt };
}

/** The signing secret (and the old one while a rotation lasts), for its owner; each reveal is logged. */
export async function revealWebhookSecret(user: User, endpointId: string): Promise<{ secret: string; previousSecret: string | null; previousExpiresAt: Date | null }> {
  await getWebhookEndpoint(user, endpointId);
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ secret: string; previousSecret: string | null; previousExpiresAt: Date | null }>(
      tx,
      sql`SELECT secret, CASE WHEN previous_secret_expires_at > now() THEN previous_secret END AS "previousSecret",
                 CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END AS "previousExpiresAt"
          FROM webhook_endpoints WHERE id = ${endpointId}::uuid`,
    );
    await audit(tx, user, "webhooks.reveal_secret", "webhook_endpoint", endpointId);
    return row!;
  });
}

/** Queues a `ping` to the endpoint and sends it now; answers the delivery's outcome. */
export async function sendTestWebhook(user: User, endpointId: string): Promise<{ deliveryId: string; status: string; statusCode: number | null; error: string | null }> {
  const endpoint = await getWebhookEndpoint(user, endpointId);
  if (endpoint.status !== "active") throw new AppError("INVALID_STATE", "This endpoint is disabled: enable it to send it anything.");
  const deliveryId = await db.transaction(async (tx) => {
    const id = await emitPing(tx, endpointId);
    await audit(tx, user, "webhooks.test", "webhook_endpoint", endpointId, { deliveryId: id });
    return id;
  });
  await dispatchWebhooks({ deliveryIds: [deliveryId] });
  return { deliveryId, ...(await deliveryOutcome(deliveryId)) };
}

/**
 * Sends a delivery once more, now, even after it succeeded (a receiver that lost what it stored
 * asks for it): an explicit choice, audit-logged, with the same event id so the receiver can
 * dedupe. A finished delivery keeps its status if the extra attempt fails.
 */
export async function redeliverWebhook(user: User, deliveryId: string): Promise<{ endpointId: string; status: string; statusCode: number | null; error: string | null }> {
  const [d] = await queryRows<{ endpointId: string; status: string }>(db, sql`SELECT endpoint_id AS "endpointId", status FROM webhook_deliveries WHERE id = ${deliveryId}::uuid`);
  if (!d) throw notFound("Delivery");
  const endpoint = await getWebhookEndpoint(user, d.endpointId).catch(() => {
    throw notFound("Delivery");
  });
  if (endpoint.status !== "active") throw new AppError("INVALID_STATE", "This endpoint is disabled: enable it before redelivering.");
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE webhook_deliveries SET redeliver_requested_at = now(), next_attempt_at = least(next_attempt_at, now()) WHERE id = ${deliveryId}::uuid`);
    await audit(tx, user, "webhooks.redeliver", "webhook_delivery", deliveryId, { endpointId: d.endpointId, statusBefore: d.status });
  });
  await dispatchWebhooks({ deliveryIds: [deliveryId] });
  return { endpointId: d.endpointId, ...(await deliveryOutcome(deliveryId)) };
}

async function deliveryOutcome(deliveryId: string) {
  const [o] = await queryRows<{ status: string; statusCode: number | null; error: string | null }>(
    db,
    sql`SELECT status, last_status_code AS "statusCode", last_error AS error FROM webhook_deliveries WHERE id = ${deliveryId}::uuid`,
  );
  return o!;
}

export type WebhookDeliveryRow = {
  id: string;
  eventId: string;
  eventType: string;
  createdAt: Date;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  redeliverRequested: boolean;
};

/** The endpoint's delivery log, newest first, a page at a time (1-based). */
export async function listWebhookDeliveries(user: User, endpointId: string, page = 1): Promise<{ rows: WebhookDeliveryRow[]; total: number; page: number; pages: number }> {
  await getWebhookEndpoint(user, endpointId);
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${endpointId}::uuid`);
  const pages = Math.max(1, Math.ceil(count!.n / DELIVERIES_PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  const rows = await queryRows<WebhookDeliveryRow>(
    db,
    sql`SELECT d.id, d.event_id AS "eventId", ev.type AS "eventType", ev.created_at AS "createdAt", d.status, d.attempts,
               d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.last_attempt_at AS "lastAttemptAt",
               CASE WHEN d.status = 'pending' THEN d.next_attempt_at END AS "nextAttemptAt", d.redeliver_requested_at IS NOT NULL AS "redeliverRequested"
        FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
        WHERE d.endpoint_id = ${endpointId}::uuid ORDER BY ev.created_at DESC, d.id LIMIT ${DELIVERIES_PAGE_SIZE} OFFSET ${(p - 1) * DELIVERIES_PAGE_SIZE}`,
  );
  return { rows, total: count!.n, page: p, pages };
}

export type WebhookAttemptRow = { id: string; manual: boolean; attemptedAt: Date; durationMs: number; statusCode: number | null; error: string | null; responseExcerpt: string | null };

/** One delivery with its payload and every attempt (newest first), if the caller may see its endpoint. */
export async function getWebhookDelivery(user: User, endpointId: string, deliveryId: string): Promise<{ payload: unknown; attempts: WebhookAttemptRow[]; lastResponse: string | null } | null> {
  await getWebhookEndpoint(user, endpointId);
  const [d] = await queryRows<{ payload: unknown; lastResponse: string | null }>(
    db,
    sql`SELECT ev.payload, d.last_response AS "lastResponse" FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
        WHERE d.id = ${deliveryId}::uuid AND d.endpoint_id = ${endpointId}::uuid`,
  );
  if (!d) return null;
  const attempts = await queryRows<WebhookAttemptRow>(
    db,
    sql`SELECT id, manual, attempted_at AS "attemptedAt", duration_ms AS "durationMs", status_code AS "statusCode", error, response_excerpt AS "responseExcerpt"
        FROM webhook_attempts WHERE delivery_id = ${deliveryId}::uuid ORDER BY attempted_at DESC, id LIMIT 50`,
  );
  return { ...d, attempts };
}
