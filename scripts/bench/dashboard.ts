/**
 * Dashboard pages (issue #7): an organization of its own with one event of 10,000 registrations (and a few
 * conversations and webhook deliveries), an owner signed in with a local session inserted directly; every dashboard
 * page that exists is requested for BENCH_DASHBOARD_SECONDS (5) from BENCH_DASHBOARD_CONNECTIONS (4) connections and
 * its server response time (time to the whole HTML) is reported.
 */
import { createHash } from "node:crypto";
import type pg from "pg";
import { load } from "./http-load";
import { latencyRow, type Result } from "./result";


const ORG = "org_benchdashboard0000000000".slice(0, 26); // org_ + 22
const USER = "usr_benchdashboard000000000".slice(0, 26);
const EVENT = "evt_benchdashboard000000000".slice(0, 26);
const TOKEN = "benchdashboardsessiontoken000000000000000000";
const ROWS = Number(process.env.BENCH_DASHBOARD_ROWS ?? 10_000);

async function seed(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM registrations WHERE "eventId" = $1', [EVENT]);
  if (rows[0]!.n >= ROWS) return;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("DELETE FROM organizations WHERE id = $1", [ORG]);
    await client.query("DELETE FROM users WHERE id = $1", [USER]);
    await client.query(`INSERT INTO organizations (id, name, slug, timezone, "updatedAt") VALUES ($1, 'Bench Dashboard Co', 'bench-dashboard-co', 'Europe/Berlin', now())`, [ORG]);
    await client.query(`INSERT INTO users (id, email, name, "updatedAt") VALUES ($1, 'bench-owner@bench.test', 'Bench Owner', now())`, [USER]);
    await client.query(`INSERT INTO memberships (id, "organizationId", "userId", role) VALUES ('mem_benchdashboard0000000', $1, $2, 'owner')`, [ORG, USER]);
    const starts = new Date(Date.now() + 30 * 86_400_000);
    await client.query(
      `INSERT INTO events (id, "organizationId", slug, title, description, venue, timezone, "startsAt", "endsAt", capacity, status, "publishedAt", "confirmedCount", "updatedAt")
       VALUES ($1, $2, 'bench-dashboard-event', 'Dashboard Bench Summit', 'Ten thousand people.', 'Hall 3', 'Europe/Berlin', $3, $4, $5, 'published', now(), $6, now())`,
      [EVENT, ORG, starts, new Date(starts.getTime() + 8 * 3_600_000), ROWS, Math.floor(ROWS * 0.95)],
    );
    // 95% confirmed (a tenth of them checked in), 5% waitlisted; spread over the last 30 days.
    await client.query(
      `INSERT INTO registrations (id, "organizationId", "eventId", name, email, status, source, "ticketToken", "waitlistPosition", "checkedInAt", "createdAt", "updatedAt")
       SELECT 'reg_' || substr(md5('dash' || i), 1, 22), $1, $2, 'Guest ' || i, 'guest' || i || '@bench.test',
              (CASE WHEN i <= $4 THEN 'confirmed' ELSE 'waitlisted' END)::"RegistrationStatus", 'web',
              md5('dashticket' || i) || md5('d' || i), CASE WHEN i <= $4 THEN NULL ELSE i - $4 END,
              CASE WHEN i <= $4 AND i % 10 = 0 THEN now() ELSE NULL END,
              now() - ((i % 30) || ' days')::interval - ((i % 1440) || ' minutes')::interval, now()
       FROM generate_series(1, $3) AS i`,
      [ORG, EVENT, ROWS, Math.floor(ROWS * 0.95)],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
  await pool.query("ANALYZE registrations");
}

async function session(pool: pg.Pool): Promise<string> {
  const hash = createHash("sha256").update(TOKEN).digest("hex");
  await pool.query(
    `INSERT INTO auth_sessions (id, "userId", "tokenHash", "expiresAt") VALUES ('sid_benchdashboard0000000', $1, $2, now() + interval '1 day')
     ON CONFLICT (id) DO UPDATE SET "expiresAt" = now() + interval '1 day', "revokedAt" = NULL`,
    [USER, hash],
  );
  return `eventline_session=${TOKEN}; eventline_org=${ORG}`;
}

const PAGES = [
  "/dashboard",
  "/dashboard/events",
  `/dashboard/events/${EVENT}`,
  `/dashboard/events/${EVENT}/attendees`,
  `/dashboard/events/${EVENT}/check-in`,
  "/dashboard/conversations",
  "/dashboard/webhooks",
  "/dashboard/jobs",
  "/dashboard/mailbox",
  "/dashboard/team",
  "/dashboard/api-keys",
  "/dashboard/settings",
  "/dashboard/audit",
];

export async function dashboardScenarios(pool: pg.Pool, base: string): Promise<Result[]> {
  await seed(pool);
  const cookie = await session(pool);
  const seconds = Number(process.env.BENCH_DASHBOARD_SECONDS ?? 5);
  const connections = Number(process.env.BENCH_DASHBOARD_CONNECTIONS ?? 4);
  const results: Result[] = [];
  for (const page of PAGES) {
    const probe = await fetch(`${base}${page}`, { headers: { cookie }, redirect: "manual" });
    await probe.arrayBuffer();
    if (probe.status === 404) continue; // a page this build does not have
    const r = await load({ url: `${base}${page}`, headers: { cookie }, connections, seconds, warmupSeconds: 1 });
    results.push({
      ...latencyRow(`dash ${page.replace(EVENT, ":event").replace("/dashboard", "") || "/"}`, r),
      note: `${connections} connections, ${seconds} s, organization with ${ROWS.toLocaleString("en")} registrations; statuses ${JSON.stringify(r.statuses)}`,
    });
  }
  return results;
}
