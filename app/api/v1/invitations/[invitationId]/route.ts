import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf } from "@/lib/api/schemas";
import { revokeInvitation } from "@/lib/organizations/invitations";

export const dynamic = "force-dynamic";

export const DELETE = endpoint(
  { method: "DELETE", path: "/api/v1/invitations/{invitationId}", tag: "Team", summary: "Revoke a pending invitation", access: "team.manage", params: z.object({ invitationId: idOf("inv") }), status: 204 },
  async ({ principal, params, auditContext }) => revokeInvitation(principal, params.invitationId, auditContext),
);
