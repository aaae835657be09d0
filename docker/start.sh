#!/bin/sh
# Container entry point: apply committed migrations (unless MIGRATE_ON_START=0), then serve. `prisma migrate deploy`
# holds a PostgreSQL advisory lock, so several containers starting at once apply each migration once.
set -e
if [ "${MIGRATE_ON_START:-1}" != "0" ]; then
  node migrate/scripts/prisma.mjs migrate deploy
fi
exec node server.js
