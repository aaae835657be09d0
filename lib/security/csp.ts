/**
 * The Content-Security-Policy of pages, built per request around a fresh nonce (proxy.ts). Next.js reads the nonce from
 * the request's policy while it renders and stamps it on its own scripts and inline styles; scripts those load are
 * trusted through 'strict-dynamic', and nothing else runs: no inline handlers, no injected <script>, no third-party
 * origin. That needs pages rendered per request, which every page is but one: the public event page /e/<slug> is
 * served from Next's cache (decisions #28, #85), so its HTML cannot carry this request's nonce. It gets the cached-page
 * policy: the same directives, with inline scripts allowed instead of nonce-stamped ones. docs/security.md.
 *
 * No `server-only` here: the proxy imports it, and the unit test builds policies directly.
 */

/** Paths served from Next's page cache (ISR): /e/<slug>. Everything else renders per request. */
export const CACHED_PAGE = /^\/e\/[^/]+\/?$/;

export type CspOptions = {
  /** This request's nonce, or null for a page served from cache (CACHED_PAGE). */
  nonce: string | null;
  /** `next dev`: React rebuilds server error stacks with eval, and the dev overlay injects styles without a nonce. */
  dev: boolean;
  /** APP_URL is https: ask browsers to upgrade any http:// subresource (never on a plain-http local run). */
  https: boolean;
  /** Clerk's Frontend API origin when Clerk is the identity provider (from the publishable key), else null. */
  clerkFrontendApi: string | null;
};

/** Clerk's components (docs: "Configure Clerk Content-Security-Policy headers", and @clerk/nextjs's own defaults). */
const CLERK = {
  script: ["https://challenges.cloudflare.com", "https://*.protect.clerk.com"],
  connect: ["https://clerk-telemetry.com", "https://*.clerk-telemetry.com", "https://img.clerk.com", "https://*.protect.clerk.com:*"],
  img: ["https://img.clerk.com"],
  frame: ["https://challenges.cloudflare.com", "https://*.protect.clerk.com"],
  worker: ["'self'", "blob:"],
};

/** 128 random bits, base64: unguessable, and only characters that are safe inside the header and an HTML attribute. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev, https, clerkFrontendApi }: CspOptions): string {
  const clerk = clerkFrontendApi !== null;
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    // With a nonce, 'self' and the Clerk hosts only matter to browsers without 'strict-dynamic' (CSP 2): modern ones
    // run only nonce-stamped scripts and what those load. A cached page's inline scripts (Next's RSC payload) carry
    // no nonce and differ per event, so there it is 'self' and inline scripts; still no foreign origin.
    ["script-src", ["'self'", ...(nonce ? [`'nonce-${nonce}'`, "'strict-dynamic'"] : ["'unsafe-inline'"]), ...(dev ? ["'unsafe-eval'"] : []), ...(clerk ? [clerkFrontendApi, ...CLERK.script] : [])]],
    // Stylesheets are our own files; <style> elements need the nonce (Next stamps it). 'unsafe-inline' instead where a
    // nonce cannot be (a cached page), in development (the error overlay injects unstamped styles; a nonce would
    // disable 'unsafe-inline') and with Clerk (its components style themselves with runtime CSS-in-JS; Clerk's docs).
    ["style-src", ["'self'", nonce && !dev && !clerk ? `'nonce-${nonce}'` : "'unsafe-inline'"]],
    // style="" attributes cannot carry a nonce. The mailbox shows captured emails in a sandboxed srcdoc iframe, which
    // inherits this policy, and emails are styled by attributes only (React Email); attributes can restyle, not run
    // code or load anything.
    ["style-src-attr", ["'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:", ...(clerk ? CLERK.img : [])]],
    ["font-src", ["'self'"]],
    ["connect-src", ["'self'", ...(clerk ? [clerkFrontendApi, ...CLERK.connect] : [])]],
    ...(clerk ? ([["frame-src", CLERK.frame], ["worker-src", CLERK.worker]] as [string, string[]][]) : []),
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  const policy = directives.map(([name, sources]) => `${name} ${sources.join(" ")}`);
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/**
 * The Frontend API origin a Clerk publishable key names: `pk_(test|live)_` + base64 of `<host>$`. Null when the key
 * does not have that shape (lib/env has already checked the prefix).
 */
export function clerkFrontendApiOrigin(publishableKey: string | undefined): string | null {
  const encoded = publishableKey?.match(/^pk_(?:test|live)_([A-Za-z0-9+/=_-]+)$/)?.[1];
  if (!encoded) return null;
  let decoded: string;
  try {
    decoded = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const host = decoded.endsWith("$") ? decoded.slice(0, -1) : "";
  return /^[a-z0-9.-]+(:\d+)?$/i.test(host) ? `https://${host}` : null;
}
