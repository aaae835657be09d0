import { type Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { emailRequested, eventRescheduled, registrationConfirmed } from "@/inngest/events";
import { REMINDERS, remindOrWait, type Reminder, type ReminderStep } from "@/lib/registrations/notifications";

/** How often one reminder looks again (woken by a reschedule, or the event moved later) before it gives up. */
const MAX_LOOKS = 20;

/**
 * The wait until a reminder is due, as a duration (whole seconds, rounded up): Inngest takes a date or a duration,
 * the local executor only a duration. Computed when the wait is first reached; a replay reuses the recorded step.
 */
const secondsUntil = (iso: string) => `${Math.max(1, Math.ceil((Date.parse(iso) - Date.now()) / 1000))}s`;

/**
 * Reminds a confirmed attendee 24 hours and 1 hour before the start. Each look at the registration is a step that
 * reads the database as it is then (`remindOrWait`): it answers "wait until …" while the reminder is not due, so the
 * run waits until then and looks again; a registration cancelled meanwhile, or a cancelled event, ends the run
 * without an email. The wait is `step.waitForEvent("event/rescheduled")` for this event with the due time as its
 * timeout, not a sleep: a move (sent by the event service through the notification outbox) wakes the run at once,
 * so an event moved earlier is reminded at its new time, and one moved later makes it wait again. The reminder email's key
 * holds the start time, so a retry (or a second run for the same registration) never sends it twice.
 * `reminders` is there for tests, which shorten the offsets to seconds.
 */
export function createRegistrationReminders(client: Inngest, reminders: readonly Reminder[] = REMINDERS) {
  return client.createFunction(
    { id: "registration-reminders", name: "Registration reminders", retries: 5, triggers: [registrationConfirmed] },
    async ({ event, step }) => {
      const { registrationId } = event.data;
      const outcome: Record<string, ReminderStep["status"] | "gave-up"> = {};
      for (const reminder of reminders) {
        let look: ReminderStep | undefined;
        for (let i = 0; i < MAX_LOOKS; i++) {
          look = await step.run(`remind-${reminder.kind}-${i}`, () => remindOrWait(registrationId, reminder));
          if (look.status !== "wait" || i === MAX_LOOKS - 1) break;
          await step.waitForEvent(`wait-${reminder.kind}-${i}`, { event: eventRescheduled, timeout: secondsUntil(look.until), if: `async.data.eventId == "${look.eventId}"` });
        }
        if (!look || look.status === "wait") {
          outcome[reminder.kind] = "gave-up";
          continue;
        }
        outcome[reminder.kind] = look.status;
        if (look.status === "queued" && look.handOff) {
          await step.sendEvent(`hand-off-${reminder.kind}`, { name: emailRequested.name, data: { emailId: look.emailId }, id: `email-${look.emailId}` });
        }
        if (look.status === "stopped") return { ...outcome, reason: look.reason };
      }
      return outcome;
    },
  );
}

export const registrationReminders = createRegistrationReminders(inngest);
