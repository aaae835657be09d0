"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberAction } from "@/lib/actions/action";
import { cancelEvent, createEvent, deleteDraftEvent, publishEvent } from "@/lib/events/service";
import { timeZoneSchema, zonedToUtc } from "@/lib/time";

/** Dashboard actions for events: forms carry wall-clock times in the event's zone; services get instants. */

const local = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Pick a date and time.");
const eventId = z.string().regex(/^evt_[A-Za-z0-9]{22}$/, "Unknown event.");

export const createEventAction = memberAction(
  "events.manage",
  z.object({
    title: z.string(),
    timezone: timeZoneSchema,
    startsLocal: local,
    endsLocal: local,
    capacity: z.coerce.number({ message: "Enter a number of seats." }).int().min(1, "At least one seat."),
    venue: z.string().optional(),
    description: z.string().optional(),
  }),
  async ({ workspace, input }) => {
    const event = await createEvent(workspace.caller, {
      title: input.title,
      timezone: input.timezone,
      startsAt: zonedToUtc(input.startsLocal, input.timezone).toISOString(),
      endsAt: zonedToUtc(input.endsLocal, input.timezone).toISOString(),
      capacity: input.capacity,
      venue: input.venue?.trim() || null,
      description: input.description ?? "",
    });
    redirect(`/dashboard/events/${event.id}`);
  },
);

export const publishEventAction = memberAction("events.manage", z.object({ eventId }), async ({ workspace, input }) => {
  await publishEvent(workspace.caller, input.eventId);
  revalidatePath(`/dashboard/events/${input.eventId}`);
  return { ok: true, message: "Published: the public page and registration are open." };
});

export const deleteDraftAction = memberAction("events.manage", z.object({ eventId }), async ({ workspace, input }) => {
  await deleteDraftEvent(workspace.caller, input.eventId);
  revalidatePath("/dashboard/events");
  return { ok: true, message: "Draft deleted." };
});

export const cancelEventAction = memberAction("events.manage", z.object({ eventId }), async ({ workspace, input }) => {
  await cancelEvent(workspace.caller, input.eventId);
  revalidatePath(`/dashboard/events/${input.eventId}`);
  return { ok: true, message: "Event cancelled. Attendees are being told." };
});
