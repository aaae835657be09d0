import { describe, expect, it } from "vitest";
import { signUp } from "@/lib/auth/local-accounts";
import { db } from "@/lib/db";
import { newOrganization } from "@/tests/api";
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, resendInvitation, revokeInvitation } from "./invitations";
import { membershipOf } from "./service";

/** The token is only in the email: read it back from the captured message, as the invitee would. */
async function tokenFromEmail(email: string): Promise<string> {
  const messages = await db.emailMessage.findMany({ where: { to: email }, orderBy: { createdAt: "desc" }, take: 1 });
  const match = /\/invitations\/([A-Za-z0-9]+)/.exec(messages[0]?.text ?? "");
  if (!match) throw new Error(`no invitation link in the email to ${email}`);
  return match[1]!;
}

const person = (email: string) => signUp({ email, name: email.split("@")[0]!, password: "a long enough password" });

describe("invitations", () => {
  it("emails a link; the invited address accepts it and joins with the role, once", async () => {
    const { org, caller } = await newOrganization("inviter");
    const invitation = await createInvitation(caller, { email: "New.Person@Example.test", role: "viewer" }, { requestId: "req_inv" });
    expect(invitation).toMatchObject({ email: "new.person@example.test", role: "viewer", status: "pending" });
    const token = await tokenFromEmail("new.person@example.test");
    expect(await previewInvitation(token)).toMatchObject({ organizationName: org.name, role: "viewer", status: "pending" });
    expect(JSON.stringify(await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } }))).not.toContain(token);

    const invitee = await person("new.person@example.test");
    expect(await acceptInvitation(token, invitee)).toEqual({ organizationId: org.id, role: "viewer" });
    expect((await membershipOf(invitee.id, org.id)).role).toBe("viewer");
    expect(await acceptInvitation(token, invitee)).toEqual({ organizationId: org.id, role: "viewer" }); // a double click
    const intruder = await person("intruder@example.test");
    await expect(acceptInvitation(token, intruder)).rejects.toMatchObject({ code: "invitation_used", status: 409 });
    expect(await listInvitations(caller)).toEqual([]);
    expect(await db.auditLogEntry.count({ where: { organizationId: org.id, action: { in: ["invitation.created", "invitation.accepted"] } } })).toBe(2);
  });

  it("refuses another email address, expired links, replaced links and revoked invitations", async () => {
    const { caller } = await newOrganization("strict");
    const first = await createInvitation(caller, { email: "a@example.test", role: "staff" });
    const oldToken = await tokenFromEmail("a@example.test");
    await expect(acceptInvitation(oldToken, await person("b@example.test"))).rejects.toMatchObject({ code: "invitation_email_mismatch", status: 403 });

    await resendInvitation(caller, first.id);
    const newToken = await tokenFromEmail("a@example.test");
    expect(newToken).not.toBe(oldToken);
    const a = await person("a@example.test");
    await expect(acceptInvitation(oldToken, a)).rejects.toMatchObject({ status: 404 });

    await db.invitation.update({ where: { id: first.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await previewInvitation(newToken))?.status).toBe("expired");
    await expect(acceptInvitation(newToken, a)).rejects.toMatchObject({ code: "invitation_expired", status: 410 });

    const second = await createInvitation(caller, { email: "c@example.test", role: "staff" });
    const cToken = await tokenFromEmail("c@example.test");
    await revokeInvitation(caller, second.id);
    await expect(acceptInvitation(cToken, await person("c@example.test"))).rejects.toMatchObject({ status: 404 });
    expect(await previewInvitation("not-a-token")).toBeNull();
  });

  it("does not invite members or double-invite, lets only owners invite owners, and scopes everything to the organization", async () => {
    const { owner, caller } = await newOrganization("rules");
    await expect(createInvitation(caller, { email: owner.email })).rejects.toMatchObject({ code: "already_member" });
    const inv = await createInvitation(caller, { email: "d@example.test" });
    await expect(createInvitation(caller, { email: "d@example.test" })).rejects.toMatchObject({ code: "invitation_pending" });
    await expect(createInvitation({ ...caller, role: "admin" }, { email: "e@example.test", role: "owner" })).rejects.toMatchObject({ status: 403 });
    await expect(createInvitation({ ...caller, role: "staff" }, { email: "e@example.test" })).rejects.toMatchObject({ status: 403 });
    await expect(createInvitation(caller, { email: "not an email" })).rejects.toMatchObject({ name: "ZodError" });

    const other = await newOrganization("others");
    await expect(revokeInvitation(other.caller, inv.id)).rejects.toMatchObject({ status: 404 });
    await expect(resendInvitation(other.caller, inv.id)).rejects.toMatchObject({ status: 404 });
    expect(await listInvitations(other.caller)).toEqual([]);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: inv.id } })).status).toBe("pending");
  });
});
