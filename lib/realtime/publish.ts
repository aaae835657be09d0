import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import type { ChangeTopic } from "./topics";

export type Change = { id: string; organizationId: string; topic: ChangeTopic; entityId: string };

export const CHANGES_CHANNEL = "eventline_changes";

type Sql = Pick<typeof db, "$executeRaw">;

/**
 * Records a change and announces it with `pg_notify` in one statement. Inside a transaction (pass `tx`) the
 * notification is delivered at commit, and not at all on rollback — Postgres holds it until then — so a dashboard
 * never shows something that did not happen. Every app instance LISTENs, so the change reaches members connected to
 * any of them. Never throws: a live update is a convenience, the change itself is already made.
 */
export async function publishChange(organizationId: string, topic: ChangeTopic, entityId: string, tx: Sql = db): Promise<void> {
  try {
    // $executeRaw: the statement's only column is pg_notify's `void`, which a query would have to deserialize.
    await tx.$executeRaw`
      WITH c AS (INSERT INTO change_log ("organizationId", topic, "entityId") VALUES (${organizationId}, ${topic}, ${entityId}) RETURNING id, "organizationId", topic, "entityId")
      SELECT pg_notify(${CHANGES_CHANNEL}, json_build_object('id', c.id::text, 'organizationId', c."organizationId", 'topic', c.topic, 'entityId', c."entityId")::text) FROM c`;
  } catch (error) {
    logger.warn({ err: error, organizationId, topic, entityId }, "live update not published");
  }
}

/** Changes after `afterId` for one organization (a reconnecting client's Last-Event-ID), oldest first. */
export async function changesSince(organizationId: string, afterId: string, limit = 500): Promise<Change[]> {
  if (!/^\d{1,19}$/.test(afterId)) return [];
  const rows = await db.changeLog.findMany({ where: { organizationId, id: { gt: BigInt(afterId) } }, orderBy: { id: "asc" }, take: limit });
  return rows.map((r) => ({ id: r.id.toString(), organizationId: r.organizationId, topic: r.topic as ChangeTopic, entityId: r.entityId }));
}

/** The change log is only for reconnects: a day is plenty. */
export async function pruneChangeLog(olderThanMs = 86_400_000): Promise<number> {
  return db.$executeRaw`DELETE FROM change_log WHERE at < ${new Date(Date.now() - olderThanMs)}`;
}
