"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberAction } from "@/lib/actions/action";
import { addFaq, addSession, cancelEvent, createEvent, findEvent, publishEvent } from "@/lib/events/service";
import { cancelRegistration, checkIn } from "@/lib/registrations/service";
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

export const cancelEventAction = memberAction("events.manage", z.object({ eventId }), async ({ workspace, input }) => {
  await cancelEvent(workspace.caller, input.eventId);
  revalidatePath(`/dashboard/events/${input.eventId}`);
  return { ok: true, message: "Event cancelled. Attendees are being told." };
});

export const addSessionAction = memberAction(
  "events.manage",
  z.object({ eventId, title: z.string(), speaker: z.string().optional(), room: z.string().optional(), startsLocal: local, endsLocal: local, isKeynote: z.string().optional() }),
  async ({ workspace, input }) => {
    const event = await findEvent(workspace.caller, input.eventId);
    await addSession(workspace.caller, input.eventId, {
      title: input.title,
      speaker: input.speaker?.trim() || null,
      room: input.room?.trim() || null,
      startsAt: zonedToUtc(input.startsLocal, event.timezone).toISOString(),
      endsAt: zonedToUtc(input.endsLocal, event.timezone).toISOString(),
      isKeynote: input.isKeynote === "on",
    });
    revalidatePath(`/dashboard/events/${input.eventId}`);
    return { ok: true, message: "Session added." };
  },
);

export const addFaqAction = memberAction("events.manage", z.object({ eventId, question: z.string(), answer: z.string() }), async ({ workspace, input }) => {
  await addFaq(workspace.caller, input.eventId, { question: input.question, answer: input.answer });
  revalidatePath(`/dashboard/events/${input.eventId}`);
  return { ok: true, message: "FAQ added." };
});

const registrationId = z.string().regex(/^reg_[A-Za-z0-9]{22}$/, "Unknown registration.");

export const checkInAction = memberAction("checkin", z.object({ registrationId }), async ({ workspace, input }) => {
  const { registration, alreadyCheckedInAt } = await checkIn(workspace.caller, { registrationId: input.registrationId });
  revalidatePath(`/dashboard/events/${registration.eventId}`);
  return { ok: true, message: alreadyCheckedInAt ? `${registration.name} was already checked in.` : `${registration.name} checked in.` };
});

export const cancelRegistrationAction = memberAction("attendees.manage", z.object({ registrationId }), async ({ workspace, input }) => {
  const { registration, promoted } = await cancelRegistration(workspace.caller, input.registrationId);
  revalidatePath(`/dashboard/events/${registration.eventId}`);
  return { ok: true, message: promoted ? `Cancelled; ${promoted.name} moved up from the waitlist.` : "Cancelled." };
});
