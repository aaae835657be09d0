import "server-only";
import { after } from "next/server";

/**
 * Runs work that follows a committed change (queueing its emails, sending its job events) without making the
 * caller wait for it when there is someone waiting: inside a Next.js request (route handler, server action) the work
 * is handed to `after()` and runs once the response is sent; anywhere else (tests, jobs, scripts, the concierge's
 * job) it runs now and the call returns when it is done. Either way the work must be safe to lose: callers record
 * it durably first (the notification outbox), and the sweeper finishes what a crash interrupted.
 */
export async function afterCommit(work: () => Promise<void>): Promise<void> {
  try {
    after(work);
    return;
  } catch (error) {
    // Next throws exactly this outside a request scope; anything else is a real error.
    if (!(error instanceof Error && /outside a request scope/.test(error.message))) throw error;
  }
  await work();
}
