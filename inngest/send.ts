import "server-only";
import { type EventType } from "inngest";
import { AppError } from "@/lib/api/errors";
import { perProcess } from "@/lib/per-process";
import { inngest } from "./client";

const SEND_TIMEOUT_MS = 3_000;
/** After a failed send, further sends fail at once for this long instead of each waiting out the SDK's retries. */
const BREAKER_MS = 5_000;
/** Events per request: a backlog goes out in requests of bounded size (~100 KB for webhook announcements). */
export const MAX_EVENTS_PER_REQUEST = 500;
const breaker = perProcess("jobsBreaker", () => ({ openUntil: 0 }));
const unavailable = () => new AppError("jobs_unavailable", 503, "The job queue is not answering; try again shortly.");

/**
 * Validates an event against its schema and sends it, failing fast: when the job backend is unreachable the caller
 * gets an error within a few seconds instead of a hung request, and for the next BREAKER_MS every send fails at once
 * (a registration rush while the backend is down must not wait seconds per request). Callers that must not lose work
 * keep their own durable record (a row with a status) and re-send later.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema; `data` is typed from it below
export async function sendEvent<T extends EventType<string, any>>(
  type: T,
  data: Parameters<T["create"]>[0],
  options: { id?: string } = {},
): Promise<string> {
  const [id] = await sendEvents(type, [{ data, ...options }]);
  return id ?? options.id ?? "";
}

/**
 * Several events of one type, in as few requests to the job backend as it takes (MAX_EVENTS_PER_REQUEST each; same
 * validation and breaker as `sendEvent`). A sweeper re-sending a backlog makes one request per 500 rows, not one per row.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema; `data` is typed from it below
export async function sendEvents<T extends EventType<string, any>>(type: T, items: { data: Parameters<T["create"]>[0]; id?: string }[]): Promise<string[]> {
  const payloads: unknown[] = [];
  for (const { data, id } of items) {
    const event = (type.create as (data: unknown, options: { id?: string }) => ReturnType<T["create"]>)(data, id ? { id } : {});
    try {
      await event.validate();
    } catch (error) {
      throw new AppError("invalid_event", 422, `Event ${type.name} is not valid: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { validate: _validate, ...payload } = event;
    payloads.push(payload);
  }
  const ids: string[] = [];
  for (let from = 0; from < payloads.length; from += MAX_EVENTS_PER_REQUEST) ids.push(...(await sendPayloads(payloads.slice(from, from + MAX_EVENTS_PER_REQUEST))));
  return ids;
}

async function sendPayloads(payloads: unknown[]): Promise<string[]> {
  if (Date.now() < breaker.openUntil) throw unavailable();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable()), SEND_TIMEOUT_MS);
  });
  try {
    const { ids } = await Promise.race([inngest.send(payloads as never), timeout]);
    breaker.openUntil = 0;
    return ids;
  } catch (error) {
    breaker.openUntil = Date.now() + BREAKER_MS;
    if (error instanceof AppError) throw error;
    throw unavailable();
  } finally {
    clearTimeout(timer);
  }
}
