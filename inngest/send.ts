import "server-only";
import { type EventType } from "inngest";
import { AppError } from "@/lib/api/errors";
import { inngest } from "./client";

const SEND_TIMEOUT_MS = 3_000;

/**
 * Validates an event against its schema and sends it, failing fast: when the job backend is unreachable the caller
 * gets an error within a few seconds instead of a hung request. Callers that must not lose work keep their own
 * durable record (a row with a status) and re-send later.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema; `data` is typed from it below
export async function sendEvent<T extends EventType<string, any>>(
  type: T,
  data: Parameters<T["create"]>[0],
  options: { id?: string } = {},
): Promise<string> {
  const event = (type.create as (data: unknown, options: { id?: string }) => ReturnType<T["create"]>)(data, options);
  try {
    await event.validate();
  } catch (error) {
    throw new AppError("invalid_event", 422, `Event ${type.name} is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { validate: _validate, ...payload } = event;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError("jobs_unavailable", 503, "The job queue is not answering; try again shortly.")), SEND_TIMEOUT_MS);
  });
  try {
    const { ids } = await Promise.race([inngest.send(payload as never), timeout]);
    return ids[0] ?? options.id ?? "";
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("jobs_unavailable", 503, "The job queue is not answering; try again shortly.");
  } finally {
    clearTimeout(timer);
  }
}
