/**
 * Scenario 3: the email provider (a stand-in for Resend's HTTP API) answers 429 with retry-after, then 500, for a
 * while. Confirmation emails of new registrations must be retried with backoff and each delivered exactly once:
 * one accepted POST per Idempotency-Key, to the right recipient, none failed.
 */
import { check, counts, waitFor } from "../harness";
import { type Context, publishedEvent, register } from "../context";

const EMAILS = Number(process.env.RESILIENCE_EMAILS ?? 15);
const RATE_LIMITED_MS = 4_000;
const FAILING_MS = 4_000;
const RETRY_AFTER_S = 2;

export async function emailProvider(ctx: Context) {
  const eventId = await publishedEvent(ctx, "Resilience email day");
  // The fault window opens with the first email the stand-in sees (registering takes a while on a busy machine).
  let from: number | null = null;
  ctx.resend.setFault((at) => {
    from ??= at;
    return at - from < RATE_LIMITED_MS ? { status: 429, retryAfterSeconds: RETRY_AFTER_S } : at - from < RATE_LIMITED_MS + FAILING_MS ? { status: 500 } : null;
  });
  const people = await register(ctx, eventId, `email-${Date.now()}`, EMAILS);
  const registrationIds = people.map((p) => p.id);

  const emailRows = async () =>
    (
      await ctx.db.query<{ id: string; to: string; status: string; attempts: number }>(
        `SELECT e.id, e."to", e.status::text, e.attempts FROM email_messages e WHERE e."idempotencyKey" LIKE ANY($1)`,
        [registrationIds.map((id) => `registration-${id}-confirmed-%`)],
      )
    ).rows;
  const waitedMs = await waitFor(
    "every confirmation email sent",
    async () => {
      const rows = await emailRows();
      return rows.length === EMAILS && rows.every((r) => r.status !== "queued");
    },
    150_000,
    500,
  ).catch(() => NaN);
  ctx.resend.setFault(null);

  const rows = await emailRows();
  const keys = new Map(rows.map((r) => [`email-${r.id}`, r]));
  const attempts = ctx.resend.attempts.filter((a) => keys.has(a.key));
  const accepted = attempts.filter((a) => a.status === 200);
  const acceptedPerKey = new Map<string, number>();
  for (const a of accepted) acceptedPerKey.set(a.key, (acceptedPerKey.get(a.key) ?? 0) + 1);
  const created = [...keys.keys()].map((key) => ctx.resend.created.get(key));
  const wrongRecipient = [...keys.entries()].filter(([key, row]) => ctx.resend.created.get(key) && ctx.resend.created.get(key)!.to !== row.to);

  // Backoff: the gap after each refused attempt of the same email.
  const byKey = new Map<string, typeof attempts>();
  for (const a of attempts) byKey.set(a.key, [...(byKey.get(a.key) ?? []), a]);
  const gapsAfter429: number[] = [];
  const gapsAfter500: number[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.at - b.at);
    for (let i = 1; i < list.length; i++) (list[i - 1]!.status === 429 ? gapsAfter429 : list[i - 1]!.status === 500 ? gapsAfter500 : []).push(list[i]!.at - list[i - 1]!.at);
  }
  const min = (xs: number[]) => (xs.length ? Math.min(...xs) : NaN);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);

  counts("emails", { queued: EMAILS, rows: rows.length, sent: rows.filter((r) => r.status === "sent").length, failed: rows.filter((r) => r.status === "failed").length, "waited s": (waitedMs / 1000).toFixed(1) });
  counts("POSTs to the stand-in", {
    total: attempts.length,
    "429": attempts.filter((a) => a.status === 429).length,
    "500": attempts.filter((a) => a.status === 500).length,
    accepted: accepted.length,
    "emails created": created.filter(Boolean).length,
    "keys accepted more than once": [...acceptedPerKey.values()].filter((n) => n > 1).length,
    "most attempts for one email": max([...byKey.values()].map((l) => l.length)),
  });
  counts("gaps after a refusal (ms)", { "after 429 min": min(gapsAfter429), "after 500 min": min(gapsAfter500), "after 500 max": max(gapsAfter500) });

  check("the fault window refused requests (429 and 500)", attempts.some((a) => a.status === 429) && attempts.some((a) => a.status === 500));
  check("every email sent", rows.length === EMAILS && rows.every((r) => r.status === "sent"), `${rows.filter((r) => r.status === "sent").length}/${EMAILS} sent`);
  check("each email accepted exactly once (one POST per Idempotency-Key got 200)", keys.size === EMAILS && [...keys.keys()].every((k) => acceptedPerKey.get(k) === 1), `${[...acceptedPerKey.values()].filter((n) => n === 1).length}/${EMAILS} accepted once`);
  check("each email went to its registrant", wrongRecipient.length === 0 && created.every(Boolean), `${wrongRecipient.length} to the wrong address`);
  check(`retry-after honoured (≥ ${RETRY_AFTER_S} s after a 429, 10% tolerance)`, gapsAfter429.length > 0 && min(gapsAfter429) >= RETRY_AFTER_S * 900, `min ${min(gapsAfter429)} ms over ${gapsAfter429.length} retries`);
  check("backoff after a 500 (≥ 400 ms: equal jitter of 1 s)", gapsAfter500.length > 0 && min(gapsAfter500) >= 400, `min ${min(gapsAfter500)} ms over ${gapsAfter500.length} retries`);
}
