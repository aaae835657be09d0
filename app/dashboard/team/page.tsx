import type { Metadata } from "next";
import { changeRoleAction, leaveOrganizationAction, removeMemberAction, resendInvitationAction, revokeInvitationAction } from "@/app/dashboard/actions";
import { InviteForm } from "@/components/dashboard/invite-form";
import { ActionForm } from "@/components/ui/action-form";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { SelectField } from "@/components/ui/field";
import { can, ROLES } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { listInvitations } from "@/lib/organizations/invitations";
import { listMembers } from "@/lib/organizations/service";
import { formatInZone } from "@/lib/time";
import { forbiddenPage } from "../forbidden";

export const metadata: Metadata = { title: "Team" };

const roleOptions = (canMakeOwners: boolean) => ROLES.filter((r) => canMakeOwners || r !== "owner").map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) }));

export default async function TeamPage() {
  const { user, organization, caller } = await requireWorkspace();
  if (!can(organization.role, "team.read")) return forbiddenPage("team");
  const manage = can(organization.role, "team.manage");
  const [members, invitations] = await Promise.all([listMembers(caller), listInvitations(caller)]);
  const date = (at: Date) => formatInZone(at, organization.timezone, { dateStyle: "medium" });
  return (
    <>
      <PageHeader title="Team" description="Who can work on this organization's events, and what each role may do." />
      <div className="grid gap-6">
        {manage && (
          <Card title="Invite a teammate" description="They get an email with a link that works for 7 days.">
            <InviteForm roles={roleOptions(organization.role === "owner")} />
          </Card>
        )}

        <Card title={`Members (${members.length})`}>
          <ul className="divide-y divide-slate-100" data-testid="members">
            {members.map((m) => (
              <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {m.name} {m.userId === user.id && <span className="text-sm font-normal text-slate-500">(you)</span>}
                  </p>
                  <p className="truncate text-sm text-slate-600">{m.email} · joined {date(m.joinedAt)}</p>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {manage && m.userId !== user.id ? (
                    <>
                      <ActionForm action={changeRoleAction} submit="Change" variant="secondary" hidden={{ id: m.userId }} className="flex items-end gap-2">
                        <SelectField label={`Role of ${m.name}`} name="role" defaultValue={m.role} options={roleOptions(organization.role === "owner")} className="[&>label]:sr-only" />
                      </ActionForm>
                      <ActionForm action={removeMemberAction} submit="Remove" variant="danger" hidden={{ id: m.userId }} confirm={`Remove ${m.name} from ${organization.name}?`} />
                    </>
                  ) : (
                    <Badge tone={m.role === "owner" ? "brand" : "slate"}>{m.role}</Badge>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Card>

        <Card title="Pending invitations">
          {invitations.length === 0 ? (
            <EmptyState title="No pending invitations">{manage ? "Invite a teammate above; they appear here until they accept." : "Admins and owners can invite teammates."}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="invitations">
              {invitations.map((inv) => (
                <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div>
                    <p className="font-medium text-slate-900">{inv.email}</p>
                    <p className="text-sm text-slate-600">
                      {inv.role} · {inv.status === "expired" ? <Badge tone="amber">expired</Badge> : `expires ${date(inv.expiresAt)}`}
                    </p>
                  </div>
                  {manage && (
                    <div className="flex gap-2">
                      <ActionForm action={resendInvitationAction} submit="Resend" variant="secondary" hidden={{ id: inv.id }} />
                      <ActionForm action={revokeInvitationAction} submit="Revoke" variant="danger" hidden={{ id: inv.id }} confirm={`Revoke the invitation for ${inv.email}?`} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="Leave this organization" description="You lose access to its events. The last owner cannot leave.">
          <ActionForm action={leaveOrganizationAction} submit={`Leave ${organization.name}`} variant="danger" confirm={`Leave ${organization.name}?`} />
        </Card>
      </div>
    </>
  );
}
