import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { audit, type AuditContext } from "@/lib/audit/log";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { actorOf, requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/service";
import { env } from "@/lib/env";
import { newId, randomToken } from "@/lib/ids";

/**
 * Invitations by email: an expiring link carrying a random token (only its SHA-256 is stored), accepted by a signed-in
 * user with the invited address; resend issues a new token (the old link stops working); revoke ends it.
 */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export const createInvitationInput = z.object({
  email: z.string().trim().max(320).pipe(z.email("Enter a valid email address.")).transform((e) => e.toLowerCase()),
  role: z.enum(ROLES).default("staff"),
});

export type InvitationDto = {
  id: string;
  email: string;
  role: Role;
  status: "pending" | "accepted" | "revoked" | "expired";
  expiresAt: Date;
  createdAt: Date;
};

const digest = (token: string) => createHash("sha256").update(token).digest("hex");
export const invitationUrl = (token: string) => new URL(`/invitations/${token}`, env.APP_URL).toString();

type Row = { id: string; email: string; role: Role; status: "pending" | "accepted" | "revoked"; expiresAt: Date; createdAt: Date };
const dto = (r: Row, now = new Date()): InvitationDto => ({
  id: r.id,
  email: r.email,
  role: r.role,
  status: r.status === "pending" && r.expiresAt <= now ? "expired" : r.status,
  expiresAt: r.expiresAt,
  createdAt: r.createdAt,
});

/** "…invited you to Acme as an admin." — "a staff" is not English. */
const ROLE_PHRASE: Record<Role, string> = { owner: "as an owner", admin: "as an admin", staff: "as a staff member", viewer: "as a viewer" };

async function sendInvitationEmail(invitation: { id: string; organizationId: string; email: string; role: Role }, token: string, inviterName: string | null): Promise<void> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: invitation.organizationId }, select: { name: true } });
  await queueEmail({
    organizationId: invitation.organizationId,
    to: invitation.email,
    template: "notice",
    props: {
      heading: `Join ${org.name} on Eventline`,
      paragraphs: [
        `${inviterName ?? "A team member"} invited you to ${org.name} ${ROLE_PHRASE[invitation.role]}.`,
        "The link works for 7 days. Sign in or create an account with this email address to accept.",
      ],
      action: { label: "Accept the invitation", url: invitationUrl(token) },
      footer: "If you did not expect this invitation, ignore this email.",
    },
    idempotencyKey: `invitation-${invitation.id}-${digest(token).slice(0, 16)}`,
  });
}

async function inviterName(caller: Caller): Promise<string | null> {
  if (caller.kind !== "user") return null;
  return (await db.user.findUnique({ where: { id: caller.userId }, select: { name: true } }))?.name ?? null;
}

export async function createInvitation(caller: Caller, input: z.input<typeof createInvitationInput>, context: AuditContext = {}): Promise<InvitationDto> {
  requirePermission(caller, "team.manage");
  const data = createInvitationInput.parse(input);
  if (data.role === "owner" && !(caller.kind === "user" && caller.role === "owner")) throw new AppError("forbidden", 403, "Only an owner can invite an owner.");
  const member = await db.membership.findFirst({ where: { organizationId: caller.organizationId, user: { email: data.email } }, select: { id: true } });
  if (member) throw new AppError("already_member", 409, `${data.email} is already a member of this organization.`);
  const pending = await db.invitation.findFirst({ where: { organizationId: caller.organizationId, email: data.email, status: "pending", expiresAt: { gt: new Date() } }, select: { id: true } });
  if (pending) throw new AppError("invitation_pending", 409, `${data.email} already has a pending invitation; resend it instead.`, { invitationId: pending.id });

  const token = randomToken(32);
  const invitation = await db.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        id: newId("inv"),
        organizationId: caller.organizationId,
        email: data.email,
        role: data.role,
        tokenHash: digest(token),
        invitedById: caller.kind === "user" ? caller.userId : null,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
    });
    await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "invitation.created", target: { type: "invitation", id: created.id }, data: { email: data.email, role: data.role } }, context, tx);
    return created;
  });
  await sendInvitationEmail(invitation, token, await inviterName(caller));
  return dto(invitation);
}

export async function listInvitations(caller: Caller): Promise<InvitationDto[]> {
  requirePermission(caller, "team.read");
  const rows = await db.invitation.findMany({ where: { organizationId: caller.organizationId, status: "pending" }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => dto(r));
}

/** A new token and a fresh expiry; the previous link stops working. */
export async function resendInvitation(caller: Caller, invitationId: string, context: AuditContext = {}): Promise<InvitationDto> {
  requirePermission(caller, "team.manage");
  const token = randomToken(32);
  const invitation = await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, organizationId: caller.organizationId, status: "pending" },
      data: { tokenHash: digest(token), expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
    });
    if (count === 0) throw notFound("invitation");
    await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "invitation.resent", target: { type: "invitation", id: invitationId } }, context, tx);
    return tx.invitation.findUniqueOrThrow({ where: { id: invitationId } });
  });
  await sendInvitationEmail(invitation, token, await inviterName(caller));
  return dto(invitation);
}

export async function revokeInvitation(caller: Caller, invitationId: string, context: AuditContext = {}): Promise<void> {
  requirePermission(caller, "team.manage");
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id: invitationId, organizationId: caller.organizationId, status: "pending" }, data: { status: "revoked" } });
    if (count === 0) throw notFound("invitation");
    await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "invitation.revoked", target: { type: "invitation", id: invitationId } }, context, tx);
  });
}

export type InvitationPreview = { organizationName: string; email: string; role: Role; status: InvitationDto["status"] };

/** What the accept page shows before the person signs in. Unknown tokens → null. */
export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  if (!/^[A-Za-z0-9]{20,64}$/.test(token)) return null;
  const row = await db.invitation.findUnique({ where: { tokenHash: digest(token) }, include: { organization: { select: { name: true } } } });
  if (!row) return null;
  return { organizationName: row.organization.name, email: row.email, role: row.role, status: dto(row).status };
}

/** Joins the invitation's organization with its role. The signed-in user's email must be the invited one. */
export async function acceptInvitation(token: string, user: { id: string; email: string }, context: AuditContext = {}): Promise<{ organizationId: string; role: Role }> {
  if (!/^[A-Za-z0-9]{20,64}$/.test(token)) throw notFound("invitation");
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM invitations WHERE "tokenHash" = ${digest(token)} FOR UPDATE`;
    const invitation = rows[0] ? await tx.invitation.findUnique({ where: { id: rows[0].id } }) : null;
    if (!invitation || invitation.status === "revoked") throw notFound("invitation");
    if (invitation.status === "accepted") {
      if (invitation.acceptedById === user.id) return { organizationId: invitation.organizationId, role: invitation.role };
      throw new AppError("invitation_used", 409, "This invitation has already been accepted.");
    }
    if (invitation.expiresAt <= new Date()) throw new AppError("invitation_expired", 410, "This invitation has expired. Ask the organization to send a new one.");
    if (invitation.email !== user.email.toLowerCase()) {
      throw new AppError("invitation_email_mismatch", 403, `This invitation was sent to ${invitation.email}. Sign in with that address to accept it.`);
    }
    const existing = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: invitation.organizationId, userId: user.id } } });
    if (!existing) await tx.membership.create({ data: { id: newId("mem"), organizationId: invitation.organizationId, userId: user.id, role: invitation.role } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { status: "accepted", acceptedById: user.id } });
    await audit({ organizationId: invitation.organizationId, actor: { type: "user", id: user.id }, action: "invitation.accepted", target: { type: "invitation", id: invitation.id }, data: { role: invitation.role } }, context, tx);
    return { organizationId: invitation.organizationId, role: existing?.role ?? invitation.role };
  });
}
