"use client";
import { updateEventDetailsAction } from "@/app/dashboard/events/editor-actions";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { currentZoneName, timeZoneOptions } from "@/lib/time-zones";
import { TextAreaField } from "./text-area-field";
import { useEditorForm } from "./use-editor-form";

export type EventDetails = {
  id: string;
  title: string;
  description: string;
  venue: string;
  onlineUrl: string;
  timezone: string;
  startsLocal: string;
  endsLocal: string;
  capacity: number;
  registrationOpensLocal: string;
  registrationClosesLocal: string;
};

/** The event's details; times are typed in the event's own time zone. */
export function EventDetailsForm({ event, timezones, readOnly }: { event: EventDetails; timezones: readonly string[]; readOnly: boolean }) {
  const { state, formAction, errors, value } = useEditorForm(updateEventDetailsAction);
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Event details">
      <input type="hidden" name="eventId" value={event.id} />
      <FormMessage state={state.ok ? { ok: true } : state} className="sm:col-span-2" />
      <fieldset disabled={readOnly} className="contents">
        <Field label="Title" name="title" required className="sm:col-span-2" defaultValue={value("title", event.title)} error={errors.title} />
        <TextAreaField label="Description" name="description" rows={4} className="sm:col-span-2" defaultValue={value("description", event.description)} error={errors.description} />
        <Field label="Venue" name="venue" defaultValue={value("venue", event.venue)} error={errors.venue} hint="Address; leave empty for an online event." />
        <Field label="Online URL" name="onlineUrl" type="url" inputMode="url" placeholder="https://…" defaultValue={value("onlineUrl", event.onlineUrl)} error={errors.onlineUrl} />
        <SelectField key={value("timezone", event.timezone)} label="Time zone" name="timezone" className="sm:col-span-2" defaultValue={value("timezone", currentZoneName(event.timezone))} options={timeZoneOptions(timezones)} error={errors.timezone} />
        <Field label="Starts" name="startsLocal" type="datetime-local" required defaultValue={value("startsLocal", event.startsLocal)} error={errors.startsLocal ?? errors.startsAt} hint="Moving start and end by the same amount moves the schedule with them." />
        <Field label="Ends" name="endsLocal" type="datetime-local" required defaultValue={value("endsLocal", event.endsLocal)} error={errors.endsLocal ?? errors.endsAt} />
        <Field label="Capacity" name="capacity" type="number" min={1} required defaultValue={value("capacity", String(event.capacity))} error={errors.capacity} hint="Seats; later registrations join the waitlist." />
        <div className="hidden sm:block" />
        <Field
          label="Registration opens"
          name="registrationOpensLocal"
          type="datetime-local"
          defaultValue={value("registrationOpensLocal", event.registrationOpensLocal)}
          error={errors.registrationOpensLocal ?? errors.registrationOpensAt}
          hint="Empty: open as soon as it is published."
        />
        <Field
          label="Registration closes"
          name="registrationClosesLocal"
          type="datetime-local"
          defaultValue={value("registrationClosesLocal", event.registrationClosesLocal)}
          error={errors.registrationClosesLocal ?? errors.registrationClosesAt}
          hint="Empty: open until the event ends."
        />
      </fieldset>
      {!readOnly && (
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel="Saving…">Save details</SubmitButton>
        </div>
      )}
    </form>
  );
}
