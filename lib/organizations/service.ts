import "server-only";
import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { audit, type AuditContext } from "@/lib/audit/log";
import { actorOf, requirePermission, type Caller } from "@/lib/auth/principal";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { perProcess } from "@/lib/per-process";
import { invalidatedBy } from "@/lib/realtime/invalidation";
import { publishChange } from "@/lib/realtime/publish";
import { newId, slugify } from "@/lib/ids";
import { timeZoneSchema } from "@/lib/time";

/**
 * Organizations and memberships. Every read here is scoped: a user sees an organization only through a membership,
 * and an id they have no membership for answers 404 (never 403, which would confirm it exists).
 */

export const createOrganizationInput = z.object({
  name: z.string().trim().min(2, "Enter a name of at least 2 characters.").max(100, "Keep the name under 100 characters."),
  timezone: timeZoneSchema.default("UTC"),
});

export const updateOrganizationInput = z.object({
  name: z.string().trim().min(2, "Enter a name of at least 2 characters.").max(100, "Keep the name under 100 characters.").optional(),
  timezone: createOrganizationInput.shape.timezone.unwrap().optional(),
});

export type OrganizationDto = { id: string; name: string; slug: string; timezone: string; role: Role };
export type OrganizationDetails = { id: string; name: string; slug: string; timezone: string; createdAt: Date };
export type Membership = Extract<Caller, { kind: "user" }>;
export type MemberDto = { userId: string; name: string; email: string; role: Role; joinedAt: Date };


/** Creates an organization with the creator as its owner, in one transaction. */
export async function createOrganization(userId: string, input: z.input<typeof createOrganizationInput>, context: AuditContext = {}): Promise<OrganizationDto> {
  const data = createOrganizationInput.parse(input);
  const base = slugify(data.name, 40, "org");
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${newId("org").slice(-5).toLowerCase()}`;
    try {
      const org = await db.$transaction(async (tx) => {
        const created = await tx.organization.create({ data: { id: newId("org"), name: data.name, slug, timezone: data.timezone } });
        await tx.membership.create({ data: { id: newId("mem"), organizationId: created.id, userId, role: "owner" } });
        await audit({ organizationId: created.id, actor: { type: "user", id: userId }, action: "organization.created", target: { type: "organization", id: created.id }, data: { name: created.name } }, context, tx);
        return created;
      });
      return { id: org.id, name: org.name, slug: org.slug, timezone: org.timezone, role: "owner" };
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error; // slug taken: try a suffixed one
    }
  }
  throw new AppError("slug_unavailable", 409, "Could not find a free address for this organization; try another name.");
}

export async function listOrganizations(userId: string): Promise<OrganizationDto[]> {
  const memberships = await db.membership.findMany({ where: { userId }, include: { organization: true }, orderBy: { createdAt: "asc" } });
  return memberships.map((m) => ({ id: m.organization.id, name: m.organization.name, slug: m.organization.slug, timezone: m.organization.timezone, role: m.role }));
}

/** The caller's membership in an organization; 404 when there is none. */
export async function membershipOf(userId: string, organizationId: string): Promise<Membership> {
  const membership = await db.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
  if (!membership) throw notFound("organization");
  return { kind: "user", organizationId, userId, role: membership.role };
}

export async function getOrganization(caller: Caller): Promise<OrganizationDetails> {
  const org = await db.organization.findUnique({ where: { id: caller.organizationId }, select: { id: true, name: true, slug: true, timezone: true, createdAt: true } });
  if (!org) throw notFound("organization");
  return org;
}

/**
 * Name, slug and time zone for identity answers (GET /api/v1/me), remembered for SUMMARY_CACHE_MS in this process:
 * a busy integration asks "who am I" often and the answer rarely changes. An update is published on the change feed,
 * so every process forgets the summary when it commits (served from cache only while this process listens).
 */
const SUMMARY_CACHE_MS = 10_000;
type Summary = { value: Omit<OrganizationDetails, "createdAt">; until: number };
const summaries = perProcess("organizationSummaries", () => new Map<string, Summary>());
const hearingUpdates = invalidatedBy("organizationSummaries", "organization", {
  forget: (organizationId) => summaries.delete(organizationId),
  forgetAll: () => summaries.clear(),
});
export async function organizationSummary(caller: Caller): Promise<Omit<OrganizationDetails, "createdAt">> {
  const hit = summaries.get(caller.organizationId);
  if (hit && hit.until > Date.now()) return hit.value;
  const { createdAt: _createdAt, ...value } = await getOrganization(caller);
  if (await hearingUpdates()) {
    if (summaries.size > 10_000) summaries.clear();
    summaries.set(caller.organizationId, { value, until: Date.now() + SUMMARY_CACHE_MS });
  }
  return value;
}

/** Changes settings (name, default time zone); recorded in the audit log with what changed. */
export async function updateOrganization(caller: Caller, input: z.input<typeof updateOrganizationInput>, context: AuditContext = {}): Promise<OrganizationDetails> {
  requirePermission(caller, "settings.manage");
  const data = updateOrganizationInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUnique({ where: { id: caller.organizationId } });
    if (!before) throw notFound("organization");
    const updated = await tx.organization.update({ where: { id: caller.organizationId }, data, select: { id: true, name: true, slug: true, timezone: true, createdAt: true } });
    const changed = Object.fromEntries(Object.keys(data).filter((k) => before[k as keyof typeof data] !== updated[k as keyof typeof data]).map((k) => [k, { from: before[k as keyof typeof data], to: updated[k as keyof typeof data] }]));
    summaries.delete(caller.organizationId);
    if (Object.keys(changed).length > 0) {
      await publishChange(caller.organizationId, "organization", caller.organizationId, tx);
      await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "organization.settings_changed", target: { type: "organization", id: caller.organizationId }, data: changed }, context, tx);
    }
    return updated;
  });
}

export async function listMembers(caller: Caller): Promise<MemberDto[]> {
  requirePermission(caller, "team.read");
  const rows = await db.membership.findMany({ where: { organizationId: caller.organizationId }, include: { user: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, joinedAt: m.createdAt }));
}

/** Locks the organization's owner rows so two concurrent demotions or removals cannot both pass the last-owner check. */
async function assertAnotherOwner(tx: Pick<typeof db, "$queryRaw">, organizationId: string): Promise<void> {
  const owners = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM memberships WHERE "organizationId" = ${organizationId} AND role = 'owner' FOR UPDATE`;
  if (owners.length <= 1) throw new AppError("last_owner", 409, "An organization needs at least one owner. Make someone else an owner first.");
}

/** Changes a member's role; the last owner can be neither demoted nor removed. */
export async function changeRole(caller: Caller, userId: string, role: Role, context: AuditContext = {}): Promise<Membership> {
  requirePermission(caller, "team.manage");
  const actorRole = caller.kind === "user" ? caller.role : null;
  if (role === "owner" && actorRole !== "owner") throw new AppError("forbidden", 403, "Only an owner can make someone an owner.");
  return db.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: caller.organizationId, userId } } });
    if (!target) throw notFound("member");
    if (target.role === "owner" && actorRole !== "owner") throw new AppError("forbidden", 403, "Only an owner can change another owner's role.");
    if (target.role === "owner" && role !== "owner") await assertAnotherOwner(tx, caller.organizationId);
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role } });
    if (target.role !== role) {
      await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "member.role_changed", target: { type: "user", id: userId }, data: { from: target.role, to: role } }, context, tx);
    }
    return { kind: "user", organizationId: updated.organizationId, userId: updated.userId, role: updated.role };
  });
}

/** Removes a member (or lets a member leave); the last owner can do neither. */
export async function removeMember(caller: Caller, userId: string, context: AuditContext = {}): Promise<void> {
  const leaving = caller.kind === "user" && caller.userId === userId;
  if (!leaving) requirePermission(caller, "team.manage");
  await db.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: caller.organizationId, userId } } });
    if (!target) throw notFound("member");
    if (target.role === "owner" && !leaving && caller.kind === "user" && caller.role !== "owner") throw new AppError("forbidden", 403, "Only an owner can remove another owner.");
    if (target.role === "owner") await assertAnotherOwner(tx, caller.organizationId);
    await tx.membership.deleteMany({ where: { id: target.id, organizationId: caller.organizationId } });
    await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "member.removed", target: { type: "user", id: userId }, data: { role: target.role, left: leaving } }, context, tx);
  });
}
