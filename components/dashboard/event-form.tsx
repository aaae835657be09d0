"use client";
import { useActionState } from "react";
import { createEventAction } from "@/app/dashboard/events/actions";
import { idleState, submittedValue } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { currentZoneName, timeZoneOptions } from "@/lib/time-zones";

export function EventForm({ timezones, defaultTimezone, defaults }: { timezones: readonly string[]; defaultTimezone: string; defaults: { startsLocal: string; endsLocal: string } }) {
  const [state, action] = useActionState(createEventAction, idleState);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  const value = (name: string, fallback?: string) => submittedValue(state, name) ?? fallback;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      <FormMessage state={state} className="sm:col-span-2" />
      <Field label="Title" name="title" required className="sm:col-span-2" placeholder="Launch 2026" defaultValue={value("title")} error={errors.title} />
      <Field label="Starts" name="startsLocal" type="datetime-local" required defaultValue={value("startsLocal", defaults.startsLocal)} error={errors.startsLocal ?? errors.startsAt} />
      <Field label="Ends" name="endsLocal" type="datetime-local" required defaultValue={value("endsLocal", defaults.endsLocal)} error={errors.endsLocal ?? errors.endsAt} />
      <SelectField key={value("timezone", defaultTimezone)} label="Time zone" name="timezone" defaultValue={value("timezone", currentZoneName(defaultTimezone))} options={timeZoneOptions(timezones)} error={errors.timezone} />
      <Field label="Capacity" name="capacity" type="number" min={1} required defaultValue={value("capacity", "100")} hint="Seats; later registrations join the waitlist." error={errors.capacity} />
      <Field label="Venue" name="venue" className="sm:col-span-2" placeholder="Address, or leave empty for an online event" defaultValue={value("venue")} error={errors.venue} />
      <div className="flex flex-col gap-1.5 sm:col-span-2">
        <label htmlFor="event-description" className="text-sm font-medium text-slate-700">
          Description
        </label>
        <textarea id="event-description" name="description" rows={4} defaultValue={value("description")} className="rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-brand-500 focus:ring-2 focus:ring-brand-100" />
      </div>
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel="Creating…">Create draft</SubmitButton>
      </div>
    </form>
  );
}
