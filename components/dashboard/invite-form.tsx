"use client";
import { useActionState } from "react";
import { inviteAction } from "@/app/dashboard/actions";
import { idleState, submittedValue } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function InviteForm({ roles }: { roles: { value: string; label: string }[] }) {
  const [state, action] = useActionState(inviteAction, idleState);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <Field label="Email" name="email" type="email" required placeholder="teammate@example.com" className="min-w-64 flex-1" defaultValue={submittedValue(state, "email")} error={errors.email} />
      <SelectField label="Role" name="role" defaultValue={submittedValue(state, "role") ?? "staff"} options={roles} error={errors.role} />
      <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
      <FormMessage state={state} className="basis-full" />
    </form>
  );
}
