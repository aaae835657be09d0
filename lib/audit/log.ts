import "server-only";
import { type Prisma } from "@/lib/generated/prisma/client";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/**
 * The audit log of security-relevant actions: sign-ins, sign-ups, membership and role changes, invitations, API keys,
 * settings. One row per action with who did it, in which organization, when, and from which request.
 */
export const AUDIT_ACTIONS = [
  "user.signed_up",
  "user.signed_in",
  "user.sign_in_failed",
  "user.signed_out_everywhere",
  "organization.created",
  "organization.settings_changed",
  "member.role_changed",
  "member.removed",
  "invitation.created",
  "invitation.resent",
  "invitation.revoked",
  "invitation.accepted",
  "apikey.created",
  "apikey.revoked",
  "phone_number.mapped",
  "phone_number.unmapped",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type Actor = { type: "user"; id: string } | { type: "api_key"; id: string } | { type: "system" | "anonymous"; id?: null };
export type AuditContext = { requestId?: string | null; ip?: string | null };

export type AuditInput = {
  organizationId: string | null;
  actor: Actor;
  action: AuditAction;
  target?: { type: string; id: string };
  data?: Record<string, unknown>;
};

type Writer = Pick<Prisma.TransactionClient, "auditLogEntry">;

/** Records one action. Pass the transaction client to make the entry part of the change it describes. */
export async function audit(input: AuditInput, context: AuditContext = {}, client: Writer = db): Promise<void> {
  await client.auditLogEntry.create({
    data: {
      organizationId: input.organizationId,
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      data: (input.data ?? {}) as Prisma.InputJsonObject,
      requestId: context.requestId ?? null,
      ip: context.ip ?? null,
    },
  });
}

export type AuditEntryDto = {
  id: string;
  action: string;
  actor: { type: string; id: string | null };
  target: { type: string; id: string } | null;
  data: unknown;
  requestId: string | null;
  at: Date;
};

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** The organization's audit log, newest first, with cursor pagination (the cursor is the last entry's id). */
export async function listAuditLog(caller: Caller, page: { limit: number; cursor?: string | undefined }): Promise<{ data: AuditEntryDto[]; nextCursor: string | null }> {
  requirePermission(caller, "audit.read");
  const organizationId = caller.organizationId;
  // Ids are PostgreSQL bigints: a cursor beyond that range names no entry (and would make the query fail), so it is ignored like any other foreign cursor.
  const cursor = page.cursor && /^\d{1,19}$/.test(page.cursor) && BigInt(page.cursor) <= MAX_BIGINT ? BigInt(page.cursor) : undefined;
  const rows = await db.auditLogEntry.findMany({
    where: { organizationId, ...(cursor !== undefined ? { id: { lt: cursor } } : {}) },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  const data = rows.slice(0, page.limit).map((r) => ({
    id: r.id.toString(),
    action: r.action,
    actor: { type: r.actorType, id: r.actorId },
    target: r.targetType && r.targetId ? { type: r.targetType, id: r.targetId } : null,
    data: r.data,
    requestId: r.requestId,
    at: r.at,
  }));
  return { data, nextCursor: rows.length > page.limit ? data[data.length - 1]!.id : null };
}
