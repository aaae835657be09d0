import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, invitationSchema, one } from "@/lib/api/schemas";
import { resendInvitation } from "@/lib/organizations/invitations";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/invitations/{invitationId}/resend",
    tag: "Team",
    summary: "Resend an invitation",
    description: "Issues a new link (the previous one stops working) valid for another 7 days.",
    access: "team.manage",
    params: z.object({ invitationId: idOf("inv") }),
    response: one(invitationSchema),
  },
  async ({ principal, params, auditContext }) => ({ data: await resendInvitation(principal, params.invitationId, auditContext) }),
);
