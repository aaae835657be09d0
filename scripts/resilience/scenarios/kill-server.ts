/**
 * Scenario 1: `kill -9` of the whole server (launcher, Next.js, local executor) during signed Twilio webhook load,
 * then a restart. Every acknowledged delivery must be stored and processed exactly once: one inbound message, one
 * reply, the reply sent once; deliveries the provider saw fail are delivered again and counted.
 */
import { base, check, counts, sleep, waitFor } from "../harness";
import type { Context } from "../context";
import { TwilioSender } from "../twilio-load";

const RATE = Number(process.env.RESILIENCE_KILL_RATE ?? 15);
const SECONDS = Number(process.env.RESILIENCE_KILL_SECONDS ?? 14);

export async function killServer(ctx: Context) {
  let retryUntil = Infinity;
  const sender = new TwilioSender(`${base}/api/webhooks/twilio`, ctx.twilioToken, ctx.conciergeNumber, { retryUntil: () => retryUntil, numberBase: 1_000_000 });
  const loadDone = sender.openLoop(RATE, SECONDS);

  // Kill once a third of the load is in and processing is under way (some rows processed, some not yet).
  await waitFor("a third of the load acknowledged", () => sender.summary().acknowledged >= (RATE * SECONDS) / 3, 60_000, 50);
  const sidsSoFar = [...sender.deliveries.keys()];
  await waitFor(
    "some deliveries processed before the kill",
    async () => (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_events WHERE "externalId" = ANY($1) AND status = 'processed'`, [sidsSoFar])).rows[0]!.n > 0,
    30_000,
    100,
  );
  const killedAt = Date.now();
  await ctx.app.kill9();
  const killedBy = Date.now(); // every process of the server is gone
  // Nothing of the app runs now: what the database says is exactly the state the crash left.
  const atKill = await ctx.db.query<{ status: string; n: number }>(`SELECT status::text, count(*)::int AS n FROM webhook_events WHERE provider = 'twilio' GROUP BY 1`);
  const inFlight = new Set(
    (await ctx.db.query<{ externalId: string }>(`SELECT "externalId" FROM webhook_events WHERE provider = 'twilio' AND status = 'processing'`)).rows.map((r) => r.externalId),
  );
  // The Twilio adapter's idempotency token is `message-<row id>`.
  const repliesUnrecorded = new Set((await ctx.db.query<{ id: string }>(`SELECT id FROM outbound_messages WHERE status = 'queued'`)).rows.map((r) => `message-${r.id}`));
  counts("state at the kill", { ...Object.fromEntries(atKill.rows.map((r) => [r.status, r.n])), "replies not yet recorded as sent": repliesUnrecorded.size });

  await sleep(1_000); // the provider keeps delivering into a dead port for a moment
  const restartBegan = Date.now(); // until now no process of the app existed since `killedBy`
  const restartMs = await ctx.app.start();
  console.log(`  restarted in ${(restartMs / 1000).toFixed(1)} s (migrations, seed check, next start, executor)`);
  await loadDone;
  retryUntil = Date.now() + 90_000;
  await sender.settled();
  sender.close();
  const s = sender.summary();

  const sids = [...sender.deliveries.keys()];
  const acked = sids.filter((sid) => sender.deliveries.get(sid)!.acknowledged);
  const drainMs = await waitFor(
    "every stored delivery processed and its reply sent",
    async () => {
      const { rows } = await ctx.db.query<{ open: number; unsent: number }>(
        `SELECT (SELECT count(*)::int FROM webhook_events WHERE provider = 'twilio' AND "externalId" = ANY($1) AND status <> 'processed') AS open,
                (SELECT count(*)::int FROM outbound_messages WHERE "idempotencyKey" = ANY($2) AND status <> 'sent') AS unsent`,
        [sids, sids.map((sid) => `concierge-${sid}-0`)],
      );
      return rows[0]!.open === 0 && rows[0]!.unsent === 0;
    },
    240_000,
    1_000,
  ).catch((error: unknown) => {
    check("every stored delivery processed and replied within 4 minutes", false, String(error));
    return NaN;
  });

  const stored = (await ctx.db.query<{ externalId: string; status: string; attempts: number }>(`SELECT "externalId", status::text, attempts FROM webhook_events WHERE provider = 'twilio' AND "externalId" = ANY($1)`, [sids])).rows;
  const storedSet = new Set(stored.map((r) => r.externalId));
  const processed = stored.filter((r) => r.status === "processed").length;
  const claimedTwice = stored.filter((r) => r.attempts > 1);
  const inbound = (await ctx.db.query<{ n: number; distinct: number }>(`SELECT count(*)::int AS n, count(DISTINCT "messageSid")::int AS distinct FROM conversation_messages WHERE "messageSid" = ANY($1)`, [sids])).rows[0]!;
  const replies = (await ctx.db.query<{ id: string; key: string; status: string }>(`SELECT id, "idempotencyKey" AS key, status::text FROM outbound_messages WHERE "idempotencyKey" = ANY($1)`, [sids.map((sid) => `concierge-${sid}-0`)])).rows;
  const replyKeys = new Set(replies.map((r) => `message-${r.id}`));
  const sentToTwilio = [...ctx.twilio.created.entries()].filter(([key]) => replyKeys.has(key));
  const twice = sentToTwilio.filter(([, v]) => v.count > 1).map(([key]) => key);
  // A send in flight at the kill was written by a process of the killed server; the restart sent it again. The
  // stand-in runs in this process, which was busy awaiting the kill, so it may read such a request a few ms after
  // `killedBy` (seen: +25 ms against a 22 ms kill); any send it records before the restart began came from the killed
  // server, since no process of the app existed in between.
  const twiceUnexplained = twice.filter((key) => !repliesUnrecorded.has(key) || ctx.twilio.created.get(key)!.at >= restartBegan);
  for (const key of twice) {
    const times = ctx.twilio.created.get(key)!.times.map((at) => `${at - killedAt >= 0 ? "+" : ""}${at - killedAt} ms`);
    console.log(`  sent twice: ${key}: queued at the kill ${repliesUnrecorded.has(key)}; sends at ${times.join(", ")} from the kill (the kill took ${killedBy - killedAt} ms; the restart began at +${restartBegan - killedAt} ms)`);
  }
  const lost = acked.filter((sid) => !storedSet.has(sid));

  counts("deliveries", {
    sent: s.sent,
    requests: s.requests,
    "acknowledged (2xx)": s.acknowledged,
    "acknowledged on first try": s.acknowledgedFirstTime,
    "resent by the provider": s.resent,
    "never acknowledged": s.neverAcknowledged,
  });
  counts("answers", s.statuses);
  counts("outcome", {
    stored: stored.length,
    processed,
    "inbound messages": inbound.n,
    "inbound duplicates": inbound.n - inbound.distinct,
    replies: replies.length,
    "replies sent to the Twilio stand-in": sentToTwilio.length,
    "replies sent twice": twice.length,
    "claimed more than once": claimedTwice.length,
    "in processing at the kill": inFlight.size,
    "drain s": (drainMs / 1000).toFixed(1),
  });

  check("the provider got an acknowledgement for every delivery (after retries)", s.neverAcknowledged === 0, `${s.neverAcknowledged} never acknowledged`);
  check("the kill interrupted deliveries (some needed a retry)", s.resent > 0, `${s.resent} resent`);
  check("every acknowledged delivery is stored", lost.length === 0, `${lost.length} acknowledged but not stored${lost.length ? ` (e.g. ${lost.slice(0, 3).join(", ")})` : ""}`);
  check("every stored delivery is processed", processed === stored.length && stored.length === s.sent, `${processed}/${stored.length} processed, ${stored.length}/${s.sent} stored`);
  check("one inbound message per delivery", inbound.n === s.sent && inbound.distinct === s.sent, `${inbound.n} rows, ${inbound.distinct} distinct, ${s.sent} deliveries`);
  check("one reply per delivery, each sent", replies.length === s.sent && replies.every((r) => r.status === "sent"), `${replies.length} replies, ${replies.filter((r) => r.status === "sent").length} sent`);
  check("each reply reached the Twilio stand-in", sentToTwilio.length === replies.length, `${sentToTwilio.length}/${replies.length}`);
  check(
    "only deliveries in processing at the kill were claimed again",
    claimedTwice.every((r) => inFlight.has(r.externalId)),
    `${claimedTwice.length} claimed again, ${claimedTwice.filter((r) => !inFlight.has(r.externalId)).length} of them not in flight at the kill`,
  );
  check(
    "a reply went to Twilio twice only if its send was in flight at the kill (Twilio has no idempotency key)",
    twiceUnexplained.length === 0,
    `${twice.length} sent twice, ${twiceUnexplained.length} unexplained`,
  );
}
