import { describe, expect, it } from "vitest";
import { signUp } from "@/lib/auth/local-accounts";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { changeRole, createOrganization, listOrganizations, membershipOf } from "./service";

const user = (name: string) => signUp({ email: `${name}-${newId("usr").slice(-6)}@example.test`, name, password: "a long enough password" });

describe("organizations", () => {
  it("creates an organization owned by its creator, with a unique slug", async () => {
    const ada = await user("ada");
    const first = await createOrganization(ada.id, { name: "Berlin Tech Meetup", timezone: "Europe/Berlin" });
    const second = await createOrganization(ada.id, { name: "Berlin Tech Meetup" });
    expect(first).toMatchObject({ slug: "berlin-tech-meetup", role: "owner", timezone: "Europe/Berlin" });
    expect(second.slug).toMatch(/^berlin-tech-meetup-[a-z0-9]{5}$/);
    expect((await listOrganizations(ada.id)).map((o) => o.id)).toEqual([first.id, second.id]);
    await expect(createOrganization(ada.id, { name: "X", timezone: "Mars/Olympus" })).rejects.toThrow();
  });

  it("answers 404, not 403, for an organization the user is not a member of", async () => {
    const [ada, eve] = await Promise.all([user("ada"), user("eve")]);
    const org = await createOrganization(ada.id, { name: "Private Org" });
    await expect(membershipOf(eve.id, org.id)).rejects.toMatchObject({ status: 404 });
    expect(await listOrganizations(eve.id)).toEqual([]);
  });

  it("never lets the last owner be demoted, and lets only owners touch owners", async () => {
    const [ada, bob, cy] = await Promise.all([user("ada"), user("bob"), user("cy")]);
    const org = await createOrganization(ada.id, { name: "Owners Inc" });
    await db.membership.createMany({
      data: [
        { id: newId("mem"), organizationId: org.id, userId: bob.id, role: "admin" },
        { id: newId("mem"), organizationId: org.id, userId: cy.id, role: "viewer" },
      ],
    });
    const owner = await membershipOf(ada.id, org.id);
    const admin = await membershipOf(bob.id, org.id);
    const viewer = await membershipOf(cy.id, org.id);

    await expect(changeRole(owner, ada.id, "admin")).rejects.toMatchObject({ code: "last_owner", status: 409 });
    await expect(changeRole(admin, ada.id, "viewer")).rejects.toMatchObject({ status: 403 });
    await expect(changeRole(admin, cy.id, "owner")).rejects.toMatchObject({ status: 403 });
    await expect(changeRole(viewer, cy.id, "admin")).rejects.toMatchObject({ status: 403 });
    await expect(changeRole(owner, "usr_not_a_member", "staff")).rejects.toMatchObject({ status: 404 });

    expect(await changeRole(admin, cy.id, "staff")).toMatchObject({ role: "staff" });
    await changeRole(owner, bob.id, "owner");
    expect(await changeRole(owner, ada.id, "admin")).toMatchObject({ role: "admin" }); // bob is an owner now
  });
});
