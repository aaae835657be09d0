import { describe, expect, it } from "vitest";
import { EnvError, modesOf, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives embedded defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.EMBEDDED_PG_PORT).toBe(54329);
    expect(modesOf(env)).toEqual({
      database: "external",
      auth: "local",
      jobs: "local-executor",
      email: "captured",
      messaging: "captured",
      llm: "off",
    });
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ RESEND_API_KEY: "", DATABASE_URL: "  " });
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("selects provider modes from the keys present", () => {
    const env = parseEnv({
      EMBEDDED_DATABASE: "1",
      CLERK_SECRET_KEY: "sk_test_abc",
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_abc",
      INNGEST_EVENT_KEY: "evtkey-0123456789",
      INNGEST_SIGNING_KEY: "signkey-test-0123",
      RESEND_API_KEY: "re_123456",
      TWILIO_ACCOUNT_SID: "AC123",
      TWILIO_AUTH_TOKEN: "0123456789abcdef0123",
      LLM_BASE_URL: "http://127.0.0.1:9999/v1",
      LLM_API_KEY: "x",
    });
    expect(modesOf(env)).toEqual({
      database: "embedded",
      auth: "clerk",
      jobs: "inngest-cloud",
      email: "resend",
      messaging: "twilio",
      llm: "openai-compatible",
    });
  });

  it("rejects malformed values with a message naming each variable but not its value", () => {
    let caught: unknown;
    try {
      parseEnv({ RESEND_API_KEY: "sk_live_secret", DATABASE_URL: "mysql://x", EMBEDDED_PG_PORT: "99999" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const message = (caught as EnvError).message;
    expect(message).toContain('RESEND_API_KEY must be a Resend API key starting with "re_"');
    expect(message).toContain("DATABASE_URL must be a PostgreSQL URL");
    expect(message).toContain("EMBEDDED_PG_PORT");
    expect(message).not.toContain("sk_live_secret");
  });

  it("requires keys that only work in pairs", () => {
    expect(() => parseEnv({ TWILIO_ACCOUNT_SID: "AC123" })).toThrow(/TWILIO_AUTH_TOKEN must be set together with TWILIO_ACCOUNT_SID/);
    expect(() => parseEnv({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_x" })).toThrow(/CLERK_SECRET_KEY must be set together/);
  });

  it("never picks local accounts silently in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_PROVIDER must be chosen in production/);
    expect(modesOf(parseEnv({ NODE_ENV: "production", AUTH_PROVIDER: "local" })).auth).toBe("local");
    expect(modesOf(parseEnv({ NODE_ENV: "production", CLERK_SECRET_KEY: "sk_live_x", NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_x" })).auth).toBe("clerk");
    // `next build` imports the configuration too; it is checked when the app starts.
    expect(parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).NODE_ENV).toBe("production");
  });

  it("refuses SEED_API_KEY in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_PROVIDER: "local", SEED_API_KEY: "evl_dev_key_123" })).toThrow(/SEED_API_KEY/);
    expect(parseEnv({ NODE_ENV: "development", SEED_API_KEY: "evl_dev_key_123" }).SEED_API_KEY).toBe("evl_dev_key_123");
  });
});
