import { describe, expect, it } from "vitest";
import { cookieOptions } from "./cookie-options";

describe("cookieOptions", () => {
  it("is HttpOnly, SameSite=Lax, Path=/ with the given Max-Age", () => {
    expect(cookieOptions(3600.7, { appUrl: "https://events.example.com", nodeEnv: "production" })).toEqual({ httpOnly: true, secure: true, sameSite: "lax", path: "/", maxAge: 3600 });
    expect(cookieOptions(-5, { appUrl: "https://events.example.com", nodeEnv: "production" }).maxAge).toBe(0);
  });

  it("is Secure on https, in production, and on localhost; not on a plain-http LAN address in development", () => {
    const secure = (appUrl: string, nodeEnv: string) => cookieOptions(60, { appUrl, nodeEnv }).secure;
    expect(secure("https://events.example.com", "development")).toBe(true);
    expect(secure("http://events.internal:8080", "production")).toBe(true);
    expect(secure("http://localhost:3000", "development")).toBe(true);
    expect(secure("http://127.0.0.1:3000", "test")).toBe(true);
    expect(secure("http://192.168.1.20:3000", "development")).toBe(false);
  });
});
