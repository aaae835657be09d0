import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sessionUser, signIn, signOut, signOutEverywhere, signUp } from "./local-accounts";

describe("local accounts", () => {
  it("signs up with an argon2id hash, never the password", async () => {
    const user = await signUp({ email: "  Ada@Example.TEST ", name: "Ada", password: "correct horse battery" });
    expect(user.email).toBe("ada@example.test");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("correct horse");
    await expect(signUp({ email: "ada@example.test", name: "Ada 2", password: "another password" })).rejects.toMatchObject({ code: "email_taken", status: 409 });
  });

  it("rejects weak or malformed input", async () => {
    await expect(signUp({ email: "not-an-email", name: "X", password: "long enough password" })).rejects.toThrow();
    await expect(signUp({ email: "x@example.test", name: "X", password: "short" })).rejects.toThrow(/at least 10/);
  });

  it("issues a new session per sign-in, stores only the token's hash, and revokes", async () => {
    const user = await signUp({ email: "bob@example.test", name: "Bob", password: "bob's long password" });
    const first = await signIn({ email: "BOB@example.test", password: "bob's long password" });
    const second = await signIn({ email: "bob@example.test", password: "bob's long password" });
    expect(first.token).not.toBe(second.token);
    expect(await db.authSession.count({ where: { tokenHash: first.token } })).toBe(0);
    expect(await sessionUser(first.token)).toEqual({ id: user.id, email: "bob@example.test", name: "Bob" });

    await signOut(first.token);
    expect(await sessionUser(first.token)).toBeNull();
    expect(await sessionUser(second.token)).not.toBeNull();
    expect(await signOutEverywhere(user.id)).toBe(1);
    expect(await sessionUser(second.token)).toBeNull();
    expect(await sessionUser("forged-token")).toBeNull();
  });

  it("answers the same for an unknown email and a wrong password, and throttles repeated failures", async () => {
    await signUp({ email: "cy@example.test", name: "Cy", password: "cy's long password" });
    await expect(signIn({ email: "nobody@example.test", password: "whatever" })).rejects.toMatchObject({ code: "invalid_credentials", status: 401 });
    for (let i = 0; i < 5; i++) await expect(signIn({ email: "cy@example.test", password: "wrong" })).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(signIn({ email: "cy@example.test", password: "cy's long password" })).rejects.toMatchObject({ code: "too_many_attempts", status: 429 });
  });
});
