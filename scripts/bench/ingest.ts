/**
 * Webhook ingest scenarios (issue #6): signed Twilio webhooks against the production server.
 *   webhooks-reply   50 messages/s for 20 s, each "What time is the keynote?" from a new number → time from sending
 *                    to the concierge's reply being sent (outbound_messages.sentAt: captured, or accepted by Twilio; same machine clock)
 *   webhooks-floor   the control: GET /api/health under the same open loop as webhooks-ingest (rate, seconds, warm-up)
 *                    → the latency no route can beat at that rate on this machine today
 *   webhooks-ingest  open loop at 500/s for 60 s with 5% duplicate deliveries, after 5 s at the same rate on the same
 *                    connections (not in the percentiles; reported) → acknowledgement latency; then waits for every
 *                    acknowledged delivery to be processed and checks none was lost or processed twice
 *   webhooks-max     closed loop, 50 connections, 10 s: the most deliveries/s the ingest route acknowledges, next to
 *                    /api/health measured just before (the trivial-route ceiling of this run); runs last, its backlog
 *                    is left to the job system
 * Rates and durations: BENCH_INGEST_RATE (500), BENCH_INGEST_SECONDS (60), BENCH_INGEST_WARM_SECONDS (5), BENCH_REPLY_RATE (50),
 * BENCH_REPLY_SECONDS (20).
 */
import { createHmac, randomBytes } from "node:crypto";
import type pg from "pg";
import { cpuPer, serverCpu } from "./cpu";
import { keepAliveAgent, load, loadAtRate, type LoadResult, type PostRequest } from "./http-load";
import { latencyRow, type Result } from "./result";


const TOKEN = "eventline-local-twilio-auth-token"; // lib/webhooks/secrets.ts: the bench runs on the embedded database
const NUMBER = "+15005550100";
const EVENT_ID = "evt_benchconcierge00000000"; // evt_ + 22
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** "{"200":999,"0":1} (no answer: {"ECONNRESET":1})": answers by status, and why those without one had none. */
const answers = (r: LoadResult) => `${JSON.stringify(r.statuses)}${Object.keys(r.failures).length ? ` (no answer: ${JSON.stringify(r.failures)})` : ""}`;

/**
 * Latencies of an open-loop run by second of its schedule, next to the load generator's own worst event-loop lag in
 * that second (a late generator shows up as latency too, so a slow second can be told apart from a slow server).
 */
function perSecond(rate: number) {
  const bySecond: number[][] = [];
  const clientLag: number[] = [];
  const from = performance.now();
  let tick = from;
  const probe = setInterval(() => {
    const now = performance.now();
    const second = Math.floor((now - from) / 1000);
    clientLag[second] = Math.max(clientLag[second] ?? 0, now - tick - 10);
    tick = now;
  }, 10);
  return {
    record: (n: number, _status: number, scheduledAt: number) => void (bySecond[Math.floor(n / rate)] ??= []).push(performance.now() - scheduledAt),
    /** "second:p99/lag …" for the seconds whose p99 is over `ms` (stops the lag probe). */
    over(ms: number): string {
      clearInterval(probe);
      const seconds = bySecond
        .map((latencies, second) => ({ second, p99: percentile(latencies.sort((a, b) => a - b), 99) }))
        .filter((s) => s.p99 > ms)
        .map((s) => `${s.second}:${s.p99.toFixed(0)}/${Math.max(0, clientLag[s.second] ?? 0).toFixed(0)}`);
      return seconds.length ? seconds.join(" ") : "none";
    },
  };
}

/** The event the bench number answers for, with a keynote (inserted once per bench database). */
async function conciergeEvent(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM phone_numbers WHERE number = $1", [NUMBER]);
  if (rows[0]) return;
  const { rows: orgs } = await pool.query<{ id: string }>('SELECT id FROM organizations ORDER BY "createdAt" LIMIT 1');
  const org = orgs[0]!.id;
  const starts = new Date(Date.now() + 90 * 86_400_000);
  await pool.query(
    `INSERT INTO events (id, "organizationId", slug, title, venue, timezone, "startsAt", "endsAt", capacity, status, "publishedAt", "updatedAt")
     VALUES ($1, $2, 'bench-concierge', 'Bench Concierge Day', 'Hall 2', 'Europe/Berlin', $3, $4, 100000, 'published', now(), now()) ON CONFLICT (id) DO NOTHING`,
    [EVENT_ID, org, starts, new Date(starts.getTime() + 8 * 3_600_000)],
  );
  await pool.query(
    `INSERT INTO event_sessions (id, "organizationId", "eventId", title, room, "startsAt", "endsAt", "isKeynote")
     VALUES ('ses_benchkeynote0000000000', $1, $2, 'Opening keynote', 'Main hall', $3, $4, true) ON CONFLICT (id) DO NOTHING`,
    [org, EVENT_ID, starts, new Date(starts.getTime() + 3_600_000)],
  );
  await pool.query(`INSERT INTO phone_numbers (id, "organizationId", "eventId", number) VALUES ('pnm_benchnumber00000000000', $1, $2, $3)`, [org, EVENT_ID, NUMBER]);
}

function signed(url: string, params: Record<string, string>): PostRequest {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join("");
  const signature = createHmac("sha1", TOKEN).update(data).digest("base64");
  return { body: new URLSearchParams(params).toString(), headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature } };
}

/** A delivery: unique MessageSid and sender per message (so each is a fresh conversation). */
function message(run: string, n: number, body = "What time is the keynote?") {
  const sid = `SM${run}${String(n).padStart(32 - run.length, "0")}`;
  const from = `+1555${String(n % 10_000_000).padStart(7, "0")}`;
  return { sid, params: { MessageSid: sid, SmsMessageSid: sid, AccountSid: "AC00000000000000000000000000000000", From: from, To: NUMBER, Body: body, NumMedia: "0", SmsStatus: "received" } };
}

/**
 * Waits until every one of `sids` is processed (or the timeout). While deliveries are open it polls only the open ones
 * (the status index) and counts `sids` only now and then: that count over tens of thousands of ids took 120-190 ms of
 * the database's CPU each second and slowed the very processing it waited for. The count over `sids` decides.
 */
async function drained(pool: pg.Pool, sids: string[], timeoutMs: number): Promise<{ processed: number; pending: number; waitedMs: number }> {
  const started = Date.now();
  const since = new Date(started - 3_600_000);
  for (let poll = 1; ; poll++) {
    const open = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_events WHERE status IN ('received', 'processing') AND "receivedAt" > $1`, [since]);
    // Every 10th poll counts `sids` anyway, in case something else left a delivery open.
    if (open.rows[0]!.n > 0 && poll % 10 !== 0 && Date.now() - started <= timeoutMs) {
      await sleep(1000);
      continue;
    }
    const { rows } = await pool.query<{ done: number; open: number }>(
      `SELECT count(*) FILTER (WHERE status IN ('processed', 'ignored', 'failed'))::int AS done, count(*) FILTER (WHERE status IN ('received', 'processing'))::int AS open
       FROM webhook_events WHERE provider = 'twilio' AND "externalId" = ANY($1)`,
      [sids],
    );
    if (rows[0]!.open === 0 || Date.now() - started > timeoutMs) return { processed: rows[0]!.done, pending: rows[0]!.open, waitedMs: Date.now() - started };
    await sleep(1000);
  }
}

export async function ingestScenarios(pool: pg.Pool, base: string, launcherPid: number, wanted: (name: string) => boolean): Promise<Result[]> {
  await conciergeEvent(pool);
  const url = `${base}/api/webhooks/twilio`;
  const signedUrl = url; // APP_URL of the bench server is this base
  const results: Result[] = [];
  if (!["webhooks-reply", "webhooks-floor", "webhooks-ingest", "webhooks-max"].some(wanted)) return results;

  // Warm-up, not measured, whichever of these scenarios runs first: 5 s at 10/s through the whole path (route,
  // processing, delivery), then drained, so a freshly started server's first compilations and connections are not
  // counted against the rate being measured (a cold server took seconds to answer the first deliveries).
  const warm = `w${randomBytes(4).toString("hex")}`;
  const warmSids: string[] = [];
  await loadAtRate({ url, rate: 10, seconds: 5, request: (n) => {
    const m = message(warm, n);
    warmSids.push(m.sid);
    return signed(signedUrl, m.params);
  } });
  await drained(pool, warmSids, 60_000);

  if (wanted("webhooks-reply")) {
    const rate = Number(process.env.BENCH_REPLY_RATE ?? 50);
    const seconds = Number(process.env.BENCH_REPLY_SECONDS ?? 20);
    const run = `r${randomBytes(4).toString("hex")}`;
    const sentAt = new Map<string, number>();
    const cpuBefore = serverCpu(launcherPid);
    const r = await loadAtRate({
      url,
      rate,
      seconds,
      request: (n) => {
        const m = message(run, n);
        sentAt.set(m.sid, Date.now());
        return signed(signedUrl, m.params);
      },
    });
    const sids = [...sentAt.keys()];
    await drained(pool, sids, 120_000);
    // What the attendee waits for is the reply leaving (sent to Twilio, or captured without it), not the row.
    const keys = sids.map((s) => `concierge-${s}-0`);
    const waitUntil = Date.now() + 120_000;
    let rows: { key: string; queuedAt: Date; sentAt: Date | null }[] = [];
    for (;;) {
      rows = (await pool.query<{ key: string; queuedAt: Date; sentAt: Date | null }>(`SELECT "idempotencyKey" AS key, "createdAt" AS "queuedAt", "sentAt" FROM outbound_messages WHERE "idempotencyKey" = ANY($1)`, [keys])).rows;
      if ((rows.length === keys.length && rows.every((row) => row.sentAt)) || Date.now() > waitUntil) break;
      await sleep(250);
    }
    const cpu = cpuPer(cpuBefore, serverCpu(launcherPid), sids.length);
    const since = (row: { key: string }, at: Date) => at.getTime() - sentAt.get(row.key.slice("concierge-".length, -2))!;
    const ms = rows.filter((row) => row.sentAt).map((row) => since(row, row.sentAt!)).sort((a, b) => a - b);
    const queued = rows.map((row) => since(row, row.queuedAt)).sort((a, b) => a - b);
    // Where the time went, stage by stage (p95 of each): stored → claimed by processing → processed → reply sent.
    const { rows: stages } = await pool.query<{ stored: number; claimed: number; processed: number; sent: number }>(
      `SELECT extract(epoch FROM w."startedAt" - w."receivedAt") * 1000 AS claimed, extract(epoch FROM w."processedAt" - w."startedAt") * 1000 AS processed,
              extract(epoch FROM o."sentAt" - w."processedAt") * 1000 AS sent, 0 AS stored
       FROM webhook_events w JOIN outbound_messages o ON o."idempotencyKey" = 'concierge-' || w."externalId" || '-0'
       WHERE w.provider = 'twilio' AND w."externalId" = ANY($1)`,
      [sids],
    );
    if (process.env.BENCH_REPLY_SLOWEST) {
      const { rows: slow } = await pool.query(
        `SELECT w."receivedAt", round(extract(epoch FROM w."startedAt" - w."receivedAt") * 1000) AS claimed, round(extract(epoch FROM w."processedAt" - w."startedAt") * 1000) AS processing,
                round(extract(epoch FROM o."sentAt" - w."processedAt") * 1000) AS sent
         FROM webhook_events w JOIN outbound_messages o ON o."idempotencyKey" = 'concierge-' || w."externalId" || '-0'
         WHERE w.provider = 'twilio' AND w."externalId" = ANY($1) ORDER BY o."sentAt" - w."receivedAt" DESC LIMIT $2`,
        [sids, Number(process.env.BENCH_REPLY_SLOWEST)],
      );
      console.table(slow);
    }
    const p95Of = (key: "claimed" | "processed" | "sent") => percentile(stages.map((row) => Number(row[key])).sort((a, b) => a - b), 95).toFixed(0);
    results.push({
      scenario: "webhooks-reply",
      runs: ms.length,
      errors: sids.length - ms.length + r.errors,
      throughput: rate,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      p99: percentile(ms, 99),
      max: ms[ms.length - 1] ?? NaN,
      note: `${rate} messages/s for ${seconds} s: webhook sent → reply sent (captured) (${ms.length}/${sids.length} replied; reply queued p50/p95 ${percentile(queued, 50)}/${percentile(queued, 95)} ms; p95 stored → processing ${p95Of("claimed")} ms, processing ${p95Of("processed")} ms, processed → sent ${p95Of("sent")} ms; ack p95 ${r.p95.toFixed(0)} ms; answers ${answers(r)}; server CPU per message ${cpu})`,
    });
  }

  const rate = Number(process.env.BENCH_INGEST_RATE ?? 500);
  const seconds = Number(process.env.BENCH_INGEST_SECONDS ?? 60);
  const warmSeconds = Number(process.env.BENCH_INGEST_WARM_SECONDS ?? 5);

  if (wanted("webhooks-floor")) {
    // The control: the trivial route under the very same open loop. Whatever latency it shows, no route can do better
    // on this machine today; the ingest scenario's ack target is read against it.
    const agent = keepAliveAgent(256);
    const warmed = await loadAtRate({ url: `${base}/api/health`, rate, seconds: warmSeconds, agent });
    const slow = perSecond(rate);
    const r = await loadAtRate({ url: `${base}/api/health`, rate, seconds, agent, onAnswer: slow.record });
    agent.destroy();
    results.push({
      ...latencyRow("webhooks-floor", r, rate),
      note:
        `GET /api/health, open loop ${rate}/s for ${seconds} s after ${warmSeconds} s at the same rate on the same connections (that warm-up, from cold connections: p99 ${warmed.p99.toFixed(0)} ms): ` +
        `the latency floor of any route at this rate on this machine today; answers ${answers(r)}; seconds with p99 over 25 ms (second:p99/the load generator's worst lag, ms) ${slow.over(25)}`,
    });
  }

  if (wanted("webhooks-ingest")) {
    const run = `i${randomBytes(4).toString("hex")}`;
    const acknowledged = new Set<string>();
    const sids: string[] = [];
    let sent = 0;
    let unique = 0;
    let duplicates = 0;
    const cpuBefore = serverCpu(launcherPid);
    // One stream of deliveries in two phases on the same keep-alive connections: a warm-up at the full rate, not in
    // the percentiles (a provider's steady stream finds connections open and the server's code compiled; from cold,
    // the first second's queue of new connections takes seconds to clear, on /api/health too), then the measurement.
    // Every delivery of both must be stored and processed.
    const agent = keepAliveAgent(256);
    const phase = (phaseSeconds: number, onAnswer?: (n: number, status: number, scheduledAt: number) => void) => {
      const sidOf: string[] = [];
      return loadAtRate({
        url,
        rate,
        seconds: phaseSeconds,
        agent,
        request: (n) => {
          // 5% of deliveries repeat an earlier one (Twilio's retries): same MessageSid, same body, same signature.
          const i = sent++;
          const repeat = i > 20 && i % 20 === 0;
          const m = message(run, repeat ? unique - 1 - (i % 7) : unique++);
          if (repeat) duplicates++;
          else sids.push(m.sid);
          sidOf[n] = m.sid;
          return signed(signedUrl, m.params);
        },
        onAnswer: (n, status, scheduledAt) => {
          if (status === 200) acknowledged.add(sidOf[n]!);
          onAnswer?.(n, status, scheduledAt);
        },
      });
    };
    const warmed = await phase(warmSeconds);
    const slow = perSecond(rate);
    const r = await phase(seconds, slow.record);
    agent.destroy();
    const ackedSids = [...acknowledged];
    const stored = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_events WHERE provider = 'twilio' AND "externalId" = ANY($1)`, [ackedSids]);
    const drain = await drained(pool, sids, Number(process.env.BENCH_DRAIN_MS ?? 900_000));
    const cpu = cpuPer(cpuBefore, serverCpu(launcherPid), warmed.requests + r.requests);
    const twice = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_events WHERE provider = 'twilio' AND "externalId" = ANY($1) AND attempts > 1`,
      [sids],
    );
    const replies = await pool.query<{ n: number; dup: number }>(
      `SELECT count(*)::int AS n, (count(*) - count(DISTINCT "idempotencyKey"))::int AS dup FROM outbound_messages WHERE "idempotencyKey" = ANY($1)`,
      [sids.map((s) => `concierge-${s}-0`)],
    );
    const inbound = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM conversation_messages WHERE "messageSid" = ANY($1)`, [sids]);
    const lost = ackedSids.length - stored.rows[0]!.n;
    results.push({
      ...latencyRow("webhooks-ingest", r, rate),
      errors: r.errors + warmed.errors,
      note:
        `open loop ${rate}/s for ${seconds} s after ${warmSeconds} s at the same rate on the same connections (that warm-up, from cold connections: p99 ${warmed.p99.toFixed(0)} ms; its deliveries are counted below); ` +
        `${duplicates} duplicate deliveries: ${sids.length} unique messages, ${ackedSids.length} acknowledged, of those ${stored.rows[0]!.n} stored (lost ${lost}); ` +
        `answers ${answers(r)}, warm-up ${answers(warmed)}; ` +
        `processed ${drain.processed}, still pending ${drain.pending} after ${(drain.waitedMs / 1000).toFixed(0)} s of draining; ` +
        `server CPU per delivery (acknowledged and processed) ${cpu}; ` +
        `claimed more than once ${twice.rows[0]!.n}; inbound messages stored ${inbound.rows[0]!.n}; replies ${replies.rows[0]!.n} (duplicates ${replies.rows[0]!.dup}); ` +
        `seconds with ack p99 over 25 ms (second:p99/the load generator's worst lag, ms) ${slow.over(25)}`,
    });
  }
  if (wanted("webhooks-max")) {
    const trivial = await load({ url: `${base}/api/health`, connections: 50, seconds: 10 });
    const run = `m${randomBytes(4).toString("hex")}`;
    const r = await load({ url, connections: 50, seconds: 10, request: (n) => signed(signedUrl, message(run, n).params) });
    results.push({
      ...latencyRow("webhooks-max", r),
      note: `closed loop, 50 connections, 10 s: ${r.rps} deliveries/s acknowledged = ${Math.round((r.rps / trivial.rps) * 100)}% of /api/health's ${trivial.rps} req/s in the same run`,
    });
  }

  return results;
}
