import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
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
    await tx.$executeRaw`WITH ${changeCte("c", organizationId, topic, entityId)} SELECT ${notified("c")}`;
  } catch (error) {
    logger.warn({ err: error, organizationId, topic, entityId }, "live update not published");
  }
}

/**
 * The same as part of a larger statement, for a hot path that changes rows and announces it in one round trip (the
 * concierge's commit, a webhook's outcome): a CTE `name` recording the change when `guard` holds (e.g. `EXISTS
 * (SELECT 1 FROM moved)`), and `notified(name)`, an int expression for the statement's SELECT that sends the
 * notifications (Postgres delivers them at commit, like publishChange's). Unlike publishChange, a failure here fails
 * the whole statement: use it only where the change log is as available as the rows it reports on.
 */
export function changeCte(name: string, organizationId: string, topic: ChangeTopic, entityId: string, guard: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(name)} AS (
    INSERT INTO change_log ("organizationId", topic, "entityId") SELECT ${organizationId}, ${topic}, ${entityId} WHERE ${guard}
    RETURNING id, "organizationId", topic, "entityId")`;
}

/** pg_notify for each row of `changeCte(name, …)` (its `void` made a count, which a query can deserialize). */
export function notified(name: string): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::int FROM ${Prisma.raw(name)} c CROSS JOIN LATERAL pg_notify(${CHANGES_CHANNEL},
    json_build_object('id', c.id::text, 'organizationId', c."organizationId", 'topic', c.topic, 'entityId', c."entityId")::text) AS n)`;
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
