"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failure, formObject, isRedirect, memberAction, type ActionResult } from "@/lib/actions/action";
import { createApiKey, createApiKeyInput, revokeApiKey } from "@/lib/auth/api-keys";
import { ROLES } from "@/lib/auth/permissions";
import { chooseOrganization, requestContext, requireUser } from "@/lib/auth/session";
import { acceptInvitation, createInvitation, createInvitationInput, resendInvitation, revokeInvitation } from "@/lib/organizations/invitations";
import { changeRole, createOrganization, createOrganizationInput, listOrganizations, removeMember, updateOrganizationInput, updateOrganization } from "@/lib/organizations/service";
import { requestIdFrom } from "@/lib/request-id";

/** Dashboard server actions: thin, through memberAction (auth → permission → zod → service). */

const id = (prefix: string) => z.object({ id: z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{22}$`), "Unknown item.") });

export async function createOrganizationAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const user = await requireUser("/onboarding");
  const requestId = requestIdFrom(null);
  try {
    const org = await createOrganization(user.id, createOrganizationInput.parse(formObject(form)), { requestId, ip: (await requestContext()).ip });
    await chooseOrganization(org.id);
  } catch (error) {
    if (isRedirect(error)) throw error;
    return failure(error, requestId, formObject(form));
  }
  // Step 2 of onboarding: the new organization's first event (the page offers to skip to the dashboard).
  redirect("/onboarding/event");
}

export async function switchOrganizationAction(form: FormData): Promise<void> {
  const user = await requireUser();
  const wanted = formObject(form).organizationId ?? "";
  const organizations = await listOrganizations(user.id);
  if (organizations.some((o) => o.id === wanted)) await chooseOrganization(wanted);
  redirect("/dashboard");
}

export const inviteAction = memberAction("team.manage", createInvitationInput, async ({ workspace, input, audit }) => {
  const invitation = await createInvitation(workspace.caller, input, audit);
  revalidatePath("/dashboard/team");
  return { ok: true, message: `Invitation sent to ${invitation.email}.` };
});

export const resendInvitationAction = memberAction("team.manage", id("inv"), async ({ workspace, input, audit }) => {
  const invitation = await resendInvitation(workspace.caller, input.id, audit);
  revalidatePath("/dashboard/team");
  return { ok: true, message: `Sent a new link to ${invitation.email}.` };
});

export const revokeInvitationAction = memberAction("team.manage", id("inv"), async ({ workspace, input, audit }) => {
  await revokeInvitation(workspace.caller, input.id, audit);
  revalidatePath("/dashboard/team");
  return { ok: true, message: "Invitation revoked." };
});

export const changeRoleAction = memberAction("team.manage", id("usr").extend({ role: z.enum(ROLES) }), async ({ workspace, input, audit }) => {
  await changeRole(workspace.caller, input.id, input.role, audit);
  revalidatePath("/dashboard/team");
  return { ok: true, message: "Role changed." };
});

export const removeMemberAction = memberAction("team.manage", id("usr"), async ({ workspace, input, audit }) => {
  await removeMember(workspace.caller, input.id, audit);
  revalidatePath("/dashboard/team");
  return { ok: true, message: "Member removed." };
});

export const leaveOrganizationAction = memberAction("member", z.object({}), async ({ workspace, audit }) => {
  await removeMember(workspace.caller, workspace.user.id, audit);
  redirect("/dashboard");
});

export const createApiKeyAction = memberAction("apikeys.manage", createApiKeyInput, async ({ workspace, input, audit }) => {
  const key = await createApiKey(workspace.caller, input, audit);
  revalidatePath("/dashboard/api-keys");
  return { ok: true, data: { secret: key.secret, name: key.name } };
});

export const revokeApiKeyAction = memberAction("apikeys.manage", id("key"), async ({ workspace, input, audit }) => {
  await revokeApiKey(workspace.caller, input.id, audit);
  revalidatePath("/dashboard/api-keys");
  return { ok: true, message: "Key revoked. Requests with it now answer 401." };
});

export const updateSettingsAction = memberAction("settings.manage", updateOrganizationInput, async ({ workspace, input, audit }) => {
  await updateOrganization(workspace.caller, input, audit);
  revalidatePath("/dashboard", "layout");
  return { ok: true, message: "Settings saved." };
});

export async function acceptInvitationAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const token = formObject(form).token ?? "";
  const user = await requireUser(`/invitations/${token}`);
  const requestId = requestIdFrom(null);
  try {
    const { organizationId } = await acceptInvitation(token, user, { requestId, ip: (await requestContext()).ip });
    await chooseOrganization(organizationId);
  } catch (error) {
    if (isRedirect(error)) throw error;
    return failure(error, requestId);
  }
  redirect("/dashboard");
}
