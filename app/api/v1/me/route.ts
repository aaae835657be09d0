import { json, route } from "@/lib/api/route";
import { authenticate, permissionsOf } from "@/lib/auth/principal";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Who am I: the caller, the organization it acts for, its role or key scope, and what it may do. */
export const GET = route(async (request) => {
  const principal = await authenticate(request);
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: principal.organizationId },
    select: { id: true, name: true, slug: true, timezone: true },
  });
  return json({
    data: {
      kind: principal.kind,
      ...(principal.kind === "user"
        ? { user: { id: principal.userId, email: principal.email, name: principal.name }, role: principal.role }
        : { apiKey: { id: principal.keyId }, scope: principal.scope }),
      organization,
      permissions: permissionsOf(principal),
    },
  });
});
