"use client";
import { useActionState } from "react";
import { createOrganizationAction } from "@/app/dashboard/actions";
import { idleState, submittedValue } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function OrganizationForm({ timezones }: { timezones: readonly string[] }) {
  const [state, action] = useActionState(createOrganizationAction, idleState);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  const guess = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <Field label="Organization name" name="name" required placeholder="Acme Conferences" defaultValue={submittedValue(state, "name")} error={errors.name} />
      <SelectField
        label="Default time zone"
        name="timezone"
        defaultValue={submittedValue(state, "timezone") ?? (timezones.includes(guess) ? guess : "UTC")}
        options={timezones.map((tz) => ({ value: tz, label: tz.replaceAll("_", " ") }))}
        error={errors.timezone}
        suppressHydrationWarning
      />
      <SubmitButton pendingLabel="Creating…">Create organization</SubmitButton>
    </form>
  );
}
