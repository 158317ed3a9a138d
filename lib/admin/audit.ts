// Who changed what, when: written in the same transaction as the change; admins read it.
import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { User } from "@/lib/auth/accounts";

export async function audit(tx: Executor, actor: Pick<User, "id">, action: string, entity: string, entityId: string, details: Record<string, unknown> = {}): Promise<void> {
  await tx.execute(sql`INSERT INTO audit_log (user_id, action, entity, entity_id, details) VALUES (${actor.id}::uuid, ${action}, ${entity}, ${entityId}, ${JSON.stringify(details)}::jsonb)`);
}

export type AuditEntry = { id: string; at: Date; actor: string; actorEmail: string; action: string; entity: string; entityId: string; details: Record<string, unknown> };

export function listAudit(opts: { entityId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  return queryRows<AuditEntry>(
    db,
    sql`SELECT a.id, a.created_at AS at, u.name AS actor, u.email AS "actorEmail", a.action, a.entity, a.entity_id AS "entityId", a.details
        FROM audit_log a JOIN users u ON u.id = a.user_id
        ${opts.entityId ? sql`WHERE a.entity_id = ${opts.entityId}` : sql``}
        ORDER BY a.created_at DESC LIMIT ${opts.limit ?? 100}`,
  );
}
