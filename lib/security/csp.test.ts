import { describe, expect, it } from "vitest";
import { CACHED_PAGE, clerkFrontendApiOrigin, contentSecurityPolicy, newNonce } from "./csp";

const directives = (policy: string): Record<string, string[]> => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("runs only nonce-stamped scripts on a page rendered per request", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123==", dev: false, https: false, clerkFrontendApi: null }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy["style-src"]).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(policy["style-src-attr"]).toEqual(["'unsafe-inline'"]);
    expect(policy).toMatchObject({
      "default-src": ["'self'"],
      "img-src": ["'self'", "data:", "blob:"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
    expect(policy).not.toHaveProperty("upgrade-insecure-requests");
    expect(JSON.stringify({ ...policy, "style-src-attr": [] })).not.toContain("unsafe");
  });

  it("allows eval and unstamped styles only in development, and upgrades requests only over https", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", dev: true, https: true, clerkFrontendApi: null }));
    expect(dev["script-src"]).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(dev["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev).toHaveProperty("upgrade-insecure-requests");
  });

  it("gives a cached page inline scripts from its own origin only", () => {
    const policy = directives(contentSecurityPolicy({ nonce: null, dev: false, https: false, clerkFrontendApi: null }));
    expect(policy["script-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
  });

  it("lets Clerk's components reach Clerk when Clerk signs people in", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n", dev: false, https: true, clerkFrontendApi: "https://happy-cat-1.clerk.accounts.dev" }));
    expect(policy["script-src"]).toEqual(expect.arrayContaining(["'nonce-n'", "'strict-dynamic'", "https://happy-cat-1.clerk.accounts.dev", "https://challenges.cloudflare.com"]));
    expect(policy["connect-src"]).toEqual(expect.arrayContaining(["'self'", "https://happy-cat-1.clerk.accounts.dev", "https://*.protect.clerk.com:*"]));
    expect(policy["img-src"]).toContain("https://img.clerk.com");
    expect(policy["frame-src"]).toContain("https://challenges.cloudflare.com");
    expect(policy["worker-src"]).toEqual(["'self'", "blob:"]);
    expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("clerkFrontendApiOrigin", () => {
  it("reads the Frontend API host out of a publishable key", () => {
    const key = `pk_test_${Buffer.from("happy-cat-1.clerk.accounts.dev$").toString("base64")}`;
    expect(clerkFrontendApiOrigin(key)).toBe("https://happy-cat-1.clerk.accounts.dev");
    expect(clerkFrontendApiOrigin(`pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`)).toBe("https://clerk.example.com");
  });

  it("refuses keys that do not name a host", () => {
    expect(clerkFrontendApiOrigin(undefined)).toBeNull();
    expect(clerkFrontendApiOrigin("pk_test_!!!")).toBeNull();
    expect(clerkFrontendApiOrigin(`pk_test_${Buffer.from("evil.com; script-src *$").toString("base64")}`)).toBeNull();
    expect(clerkFrontendApiOrigin(`pk_test_${Buffer.from("no-dollar.example.com").toString("base64")}`)).toBeNull();
  });
});

describe("nonces and cached pages", () => {
  it("makes a new 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("treats only the public event page as cached", () => {
    expect(CACHED_PAGE.test("/e/launch-2026")).toBe(true);
    expect(CACHED_PAGE.test("/e/launch-2026/")).toBe(true);
    for (const path of ["/", "/t/abc", "/e", "/e/x/y", "/dashboard/events", "/event/x"]) expect(CACHED_PAGE.test(path), path).toBe(false);
  });
});
