# syntax=docker/dockerfile:1
# Eventline's production image: Next.js standalone output (server.js + only the traced node_modules), its static
# assets, and a slim Prisma CLI that applies migrations on start. See docs/deploy.md ("Self-hosting").
#   docker build -t eventline .
#   docker run -p 3000:3000 -e DATABASE_URL=postgresql://… -e AUTH_PROVIDER=local … eventline
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Dependencies (the postinstall generates the Prisma client, so the schema and scripts come first).
#    `npm install`, not `npm ci`: the lockfile lacks Next's non-Linux SWC packages and `npm ci` refuses it.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm install --no-audit --no-fund

# 2. Build with standalone output (`build:standalone` sets NEXT_OUTPUT, which next.config.ts reads; nothing else changes).
FROM deps AS build
COPY . .
RUN npm run build:standalone

# 3. The migration tool: Prisma's CLI at the app's pinned versions, with the schema and migrations. It uses Prisma's
#    native schema engine when it could be downloaded, else the WebAssembly stand-in (docs/decisions.md #2).
FROM ${NODE_IMAGE} AS migrate
WORKDIR /migrate
COPY package.json /tmp/app-package.json
COPY docker/migrate-package.mjs /tmp/migrate-package.mjs
RUN node /tmp/migrate-package.mjs /tmp/app-package.json > package.json \
  && npm install --omit=dev --no-audit --no-fund \
  && npm cache clean --force
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma.mjs scripts/schema-engine-path.mjs scripts/prisma-schema-engine.mjs ./scripts/

# 4. Runtime: no build tools, no dev dependencies, runs as the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=migrate /migrate ./migrate
COPY docker/start.sh ./start.sh
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["sh", "./start.sh"]
