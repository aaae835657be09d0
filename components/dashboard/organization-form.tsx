"use client";
import { useActionState, useSyncExternalStore } from "react";
import { createOrganizationAction } from "@/app/dashboard/actions";
import { idleState, submittedValue } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { currentZoneName, timeZoneOptions } from "@/lib/time-zones";

const noSubscription = () => () => {};
const browserZone = () => currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);

export function OrganizationForm({ timezones }: { timezones: readonly string[] }) {
  const [state, action] = useActionState(createOrganizationAction, idleState);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  // The browser's zone is the best guess; the server cannot know it (it renders UTC), so the select is rendered again
  // with the guess once the page runs in the browser (a new `key`: `defaultValue` only counts on the first render).
  const guess = useSyncExternalStore(noSubscription, browserZone, () => null);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <Field label="Organization name" name="name" required placeholder="Acme Conferences" defaultValue={submittedValue(state, "name")} error={errors.name} />
      <SelectField
        key={guess ?? "server"}
        label="Default time zone"
        name="timezone"
        defaultValue={submittedValue(state, "timezone") ?? (guess && timezones.includes(guess) ? guess : "UTC")}
        options={timeZoneOptions(timezones)}
        error={errors.timezone}
      />
      <SubmitButton pendingLabel="Creating…">Create organization</SubmitButton>
    </form>
  );
}
