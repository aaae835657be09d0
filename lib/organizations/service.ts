import "server-only";
import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";

/**
 * Organizations and memberships. Every read here is scoped: a user sees an organization only through a membership,
 * and an id they have no membership for answers 404 (never 403, which would confirm it exists).
 */

export const createOrganizationInput = z.object({
  name: z.string().trim().min(2).max(100),
  timezone: z.string().refine((tz) => Intl.supportedValuesOf("timeZone").includes(tz) || tz === "UTC", "Unknown time zone.").default("UTC"),
});

export type OrganizationDto = { id: string; name: string; slug: string; timezone: string; role: Role };
export type Membership = { organizationId: string; userId: string; role: Role };

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "org";

/** Creates an organization with the creator as its owner, in one transaction. */
export async function createOrganization(userId: string, input: z.input<typeof createOrganizationInput>): Promise<OrganizationDto> {
  const data = createOrganizationInput.parse(input);
  const base = slugify(data.name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${newId("org").slice(-5).toLowerCase()}`;
    try {
      const org = await db.$transaction(async (tx) => {
        const created = await tx.organization.create({ data: { id: newId("org"), name: data.name, slug, timezone: data.timezone } });
        await tx.membership.create({ data: { id: newId("mem"), organizationId: created.id, userId, role: "owner" } });
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
  return { organizationId, userId, role: membership.role };
}

/** 403 only for members who lack a permission: they already know the organization exists. */
export function authorize(membership: Membership, permission: Permission): void {
  if (!can(membership.role, permission)) throw new AppError("forbidden", 403, "Your role does not allow this.");
}

/** Changes a member's role; the last owner can be neither demoted nor removed. */
export async function changeRole(actor: Membership, userId: string, role: Role): Promise<Membership> {
  authorize(actor, "team.manage");
  if (role === "owner" && actor.role !== "owner") throw new AppError("forbidden", 403, "Only an owner can make someone an owner.");
  return db.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: actor.organizationId, userId } } });
    if (!target) throw notFound("member");
    if (target.role === "owner" && actor.role !== "owner") throw new AppError("forbidden", 403, "Only an owner can change another owner's role.");
    if (target.role === "owner" && role !== "owner") {
      // Lock the organization's owner rows so two concurrent demotions cannot both pass the check.
      const owners = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM memberships WHERE "organizationId" = ${actor.organizationId} AND role = 'owner' FOR UPDATE`;
      if (owners.length <= 1) throw new AppError("last_owner", 409, "An organization needs at least one owner. Make someone else an owner first.");
    }
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role } });
    return { organizationId: updated.organizationId, userId: updated.userId, role: updated.role };
  });
}
