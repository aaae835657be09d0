import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, roleSchema } from "@/lib/api/schemas";
import { changeRole, removeMember } from "@/lib/organizations/service";

export const dynamic = "force-dynamic";

const params = z.object({ userId: idOf("usr") });

export const PATCH = endpoint(
  {
    method: "PATCH",
    path: "/api/v1/members/{userId}",
    tag: "Team",
    summary: "Change a member's role",
    description: "Only owners make owners; the last owner cannot be demoted (409 `last_owner`).",
    access: "team.manage",
    params,
    body: z.object({ role: roleSchema }),
    response: one(z.object({ userId: z.string(), role: roleSchema })),
  },
  async ({ principal, params: { userId }, body, auditContext }) => {
    const membership = await changeRole(principal, userId, body.role, auditContext);
    return { data: { userId: membership.userId, role: membership.role } };
  },
);

export const DELETE = endpoint(
  { method: "DELETE", path: "/api/v1/members/{userId}", tag: "Team", summary: "Remove a member", description: "The last owner cannot be removed (409 `last_owner`).", access: "team.manage", params, status: 204 },
  async ({ principal, params: { userId }, auditContext }) => removeMember(principal, userId, auditContext),
);
