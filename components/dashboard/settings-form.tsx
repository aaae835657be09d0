"use client";
import { useActionState } from "react";
import { updateSettingsAction } from "@/app/dashboard/actions";
import { idleState, submittedValue } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { currentZoneName, timeZoneOptions } from "@/lib/time-zones";

export function SettingsForm({ name, timezone, timezones, disabled }: { name: string; timezone: string; timezones: readonly string[]; disabled: boolean }) {
  const [state, action] = useActionState(updateSettingsAction, idleState);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <fieldset disabled={disabled} className="contents">
        <Field label="Name" name="name" defaultValue={submittedValue(state, "name") ?? name} className="min-w-56 flex-1" error={errors.name} />
        <SelectField label="Default time zone" name="timezone" defaultValue={submittedValue(state, "timezone") ?? currentZoneName(timezone)} options={timeZoneOptions(timezones)} error={errors.timezone} />
        {!disabled && <SubmitButton pendingLabel="Saving…">Save</SubmitButton>}
      </fieldset>
      <FormMessage state={state} className="basis-full" />
    </form>
  );
}
