import { endpoint } from "@/lib/api/endpoint";
import { invitationSchema, list, one } from "@/lib/api/schemas";
import { createInvitation, createInvitationInput, listInvitations } from "@/lib/organizations/invitations";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/invitations", tag: "Team", summary: "List pending invitations", access: "team.read", response: list(invitationSchema) },
  async ({ principal }) => ({ data: await listInvitations(principal), nextCursor: null }),
);

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/invitations",
    tag: "Team",
    summary: "Invite someone by email",
    description: "Emails a link valid for 7 days. 409 `already_member` or `invitation_pending` when there is nothing new to send.",
    access: "team.manage",
    body: createInvitationInput,
    response: one(invitationSchema),
    status: 201,
  },
  async ({ principal, body, auditContext }) => ({ data: await createInvitation(principal, body, auditContext) }),
);
