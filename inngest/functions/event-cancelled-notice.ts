import { type Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { emailRequested, eventCancellation } from "@/inngest/events";
import { notifyEventCancelledPage, type EventCancelledPage } from "@/lib/registrations/notifications";

/**
 * Tells every confirmed and waitlisted attendee of a cancelled event. Pages through the registrations by id, one step
 * per page, and hands each page's emails to `send-email` in one `step.sendEvent`; the emails are keyed by
 * registration, so a retried page, a replayed run or a repeated event never sends anyone a second one.
 * `pageSize` is there for tests.
 */
export function createEventCancelledNotice(client: Inngest, pageSize = 500) {
  return client.createFunction(
    { id: "event-cancelled-notice", name: "Event cancelled notice", retries: 5, triggers: [eventCancellation] },
    async ({ event, step }) => {
      let cursor: string | null = null;
      let notified = 0;
      for (let page = 0; ; page++) {
        const from: string | null = cursor;
        const result: EventCancelledPage = await step.run(`page-${page}`, () => notifyEventCancelledPage(event.data.eventId, from, pageSize));
        if (result.emailIds.length > 0) {
          await step.sendEvent(
            `hand-off-${page}`,
            result.emailIds.map((emailId) => ({ name: emailRequested.name, data: { emailId }, id: `email-${emailId}` })),
          );
        }
        notified += result.count;
        if (!result.nextCursor) return { notified, pages: page + 1 };
        cursor = result.nextCursor;
      }
    },
  );
}

export const eventCancelledNotice = createEventCancelledNotice(inngest);
