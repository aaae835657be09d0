/**
 * Scenario 2: the database stops for 10 s during webhook load. Webhooks answer 503 while it is down (never 200 for a
 * delivery that was not stored: every 200's MessageSid must be in webhook_events afterwards), /api/health/ready answers
 * 503, and the app recovers by itself: ready again, new webhooks acknowledged and processed, the same Next.js process.
 */
import { base, check, counts, sleep, waitFor } from "../harness";
import type { Context } from "../context";
import { TwilioSender } from "../twilio-load";

const OUTAGE_MS = 10_000;
const RATE = 15;

export async function databaseOutage(ctx: Context) {
  const nextPid = ctx.app.nextPid();
  const executorPid = ctx.app.executorPid();
  // No retries during the outage: each answer is judged on its own (the provider's retry is scenario 1's subject).
  let retryUntil = 0;
  const sender = new TwilioSender(`${base}/api/webhooks/twilio`, ctx.twilioToken, ctx.conciergeNumber, { retryUntil: () => retryUntil, numberBase: 3_000_000 });
  let stopLoad = false;
  const load = sender.openLoop(RATE, 60, () => stopLoad);

  // Readiness sampled throughout. Each probe is judged by the database's state over its whole duration: "up" (before
  // the stop began, or after the app said ready again), "down" (stopped), or a transition (not judged).
  type Phase = "up" | "down" | "transition";
  let phase = "up" as Phase;
  const currentPhase = (): Phase => phase;
  const readiness: { phase: "up" | "down"; status: number }[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const at = currentPhase();
      const status = await fetch(`${base}/api/health/ready`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0);
      if (at === currentPhase() && at !== "transition") readiness.push({ phase: at, status });
      await sleep(300);
    }
  })();

  await sleep(3_000);
  const before = sender.summary();
  phase = "transition";
  await ctx.db.stop();
  phase = "down";
  const stoppedAt = Date.now();
  const duringStart = sender.deliveries.size;
  await sleep(OUTAGE_MS);
  const duringEnd = sender.deliveries.size;
  phase = "transition";
  const restartedAt = Date.now();
  await ctx.db.start();
  console.log(`  database down for ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s`);
  const readyAgainMs = await waitFor("ready 200 after the database came back", async () => (await fetch(`${base}/api/health/ready`)).status === 200, 60_000, 200);
  phase = "up";

  // Keep loading for 5 s after recovery: new deliveries must be acknowledged.
  const recoveredFrom = sender.deliveries.size + RATE * 2;
  await sleep(5_000);
  stopLoad = true;
  await load;
  retryUntil = 0;
  await sender.settled();
  sender.close();
  sampling = false;
  await sampler;

  const all = [...sender.deliveries.values()];
  const duringOutage = all.slice(duringStart, duringEnd);
  const afterRecovery = all.slice(recoveredFrom);
  const ok = all.filter((d) => d.statuses[0] === 200);
  const sids = all.map((d) => d.sid);
  const stored = new Set((await ctx.db.query<{ externalId: string }>(`SELECT "externalId" FROM webhook_events WHERE provider = 'twilio' AND "externalId" = ANY($1)`, [sids])).rows.map((r) => r.externalId));
  const okUnstored = ok.filter((d) => !stored.has(d.sid));
  const storedUnacked = all.filter((d) => d.statuses[0] !== 200 && stored.has(d.sid));
  const statusOf = (list: typeof all) => list.reduce<Record<string, number>>((acc, d) => ((acc[String(d.statuses[0])] = (acc[String(d.statuses[0])] ?? 0) + 1), acc), {});
  const unexpected = all.filter((d) => d.statuses[0] !== 200 && d.statuses[0] !== 503);

  // Everything acknowledged (before, during, after) is processed once the database is back.
  const okSids = ok.map((d) => d.sid);
  const drainMs = await waitFor(
    "every acknowledged delivery processed",
    async () => (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_events WHERE "externalId" = ANY($1) AND status = 'processed'`, [okSids])).rows[0]!.n === okSids.length,
    180_000,
    1_000,
  ).catch(() => NaN);
  const processed = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_events WHERE "externalId" = ANY($1) AND status = 'processed'`, [okSids])).rows[0]!.n;
  const replies = (await ctx.db.query<{ n: number; distinct: number }>(`SELECT count(*)::int AS n, count(DISTINCT "idempotencyKey")::int AS distinct FROM outbound_messages WHERE "idempotencyKey" = ANY($1)`, [okSids.map((s) => `concierge-${s}-0`)])).rows[0]!;
  const inbound = (await ctx.db.query<{ n: number; distinct: number }>(`SELECT count(*)::int AS n, count(DISTINCT "messageSid")::int AS distinct FROM conversation_messages WHERE "messageSid" = ANY($1)`, [okSids])).rows[0]!;
  const readyDown = readiness.filter((r) => r.phase === "down");
  const readyUp = readiness.filter((r) => r.phase === "up");

  counts("deliveries", { sent: all.length, "acknowledged (200)": ok.length, "503": all.filter((d) => d.statuses[0] === 503).length, "before the outage": before.sent });
  const slowest = (list: typeof all) => Math.max(0, ...list.map((d) => d.firstAnswerMs).filter((ms) => !Number.isNaN(ms)));
  counts("answers while the database was down", { ...statusOf(duringOutage), "slowest answer ms": slowest(duringOutage) });
  counts("answers after recovery", statusOf(afterRecovery));
  counts("outcome", {
    stored: stored.size,
    "200 but not stored": okUnstored.length,
    "stored though answered 503": storedUnacked.length,
    processed,
    "inbound messages": inbound.n,
    "inbound duplicates": inbound.n - inbound.distinct,
    replies: replies.n,
    "reply duplicates": replies.n - replies.distinct,
    "drain s": (drainMs / 1000).toFixed(1),
  });
  counts("readiness probes", { "while down": readyDown.length, "503 while down": readyDown.filter((r) => r.status === 503).length, "200 while down": readyDown.filter((r) => r.status === 200).length, "ready again after s": (readyAgainMs / 1000).toFixed(1) });

  check("every 200 is a stored delivery", okUnstored.length === 0, `${okUnstored.length} answered 200 without a row`);
  check("webhooks answered 503 while the database was down", duringOutage.filter((d) => d.statuses[0] === 503).length > 0 && duringOutage.every((d) => d.statuses[0] === 503 || stored.has(d.sid)), JSON.stringify(statusOf(duringOutage)));
  check("no answer other than 200 or 503 (no 500, no timeout, no dropped connection)", unexpected.length === 0, JSON.stringify(statusOf(unexpected)));
  check("/api/health/ready answered 503 while the database was down", readyDown.length > 0 && readyDown.every((r) => r.status === 503), `${readyDown.filter((r) => r.status === 503).length}/${readyDown.length} probes 503`);
  check("/api/health/ready answered 200 before the outage and after recovery", readyUp.length > 0 && readyUp.every((r) => r.status === 200), `${readyUp.filter((r) => r.status === 200).length}/${readyUp.length} probes 200`);
  check("ready again within 30 s of the database's return, without restarting the app", readyAgainMs < 30_000, `${(readyAgainMs / 1000).toFixed(1)} s`);
  check("new webhooks acknowledged after recovery", afterRecovery.length > 0 && afterRecovery.every((d) => d.statuses[0] === 200), JSON.stringify(statusOf(afterRecovery)));
  check("every acknowledged delivery processed, once", processed === okSids.length && inbound.n === okSids.length && inbound.distinct === okSids.length && replies.n === okSids.length && replies.distinct === okSids.length, `${processed}/${okSids.length} processed, ${inbound.n} inbound, ${replies.n} replies`);
  check("the same Next.js process throughout (no restart)", nextPid !== null && ctx.app.nextPid() === nextPid, `pid ${nextPid} → ${ctx.app.nextPid()}`);
  const executorNow = ctx.app.executorPid();
  counts("local executor", { "pid before": String(executorPid), "pid after": String(executorNow), restarted: executorNow === executorPid ? "no" : "yes (by the launcher)" });
}
