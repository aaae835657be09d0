/**
 * The flags of every cookie the app sets itself (the local session and the chosen organization; Clerk sets its own):
 * HttpOnly (no script reads them), SameSite=Lax (sent on top-level navigations from other sites, so an emailed link
 * arrives signed in, but never on their cross-site subrequests or form posts), Path=/ and a Max-Age.
 * Secure whenever it can be: APP_URL on https, any production server, and localhost (browsers treat
 * http://localhost as secure and accept Secure cookies from it). Only development on a plain-http LAN address (a phone
 * testing http://192.168.…:3000) goes without, or it could not sign in at all.
 */
export type CookieOptions = { httpOnly: true; secure: boolean; sameSite: "lax"; path: "/"; maxAge: number };

export function cookieOptions(maxAgeSeconds: number, { appUrl, nodeEnv }: { appUrl: string; nodeEnv: string }): CookieOptions {
  const url = new URL(appUrl);
  const secure = url.protocol === "https:" || nodeEnv === "production" || url.hostname === "localhost" || url.hostname === "127.0.0.1";
  return { httpOnly: true, secure, sameSite: "lax", path: "/", maxAge: Math.max(0, Math.floor(maxAgeSeconds)) };
}
