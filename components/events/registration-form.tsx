"use client";
import { useActionState, useId } from "react";
import { idleState, submittedValue } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, SelectField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import type { PublicQuestion } from "@/lib/events/public";

type Props = {
  action: (previous: ActionResult, form: FormData) => Promise<ActionResult>;
  questions: PublicQuestion[];
  /** Seats are gone: the same form puts people on the waitlist. */
  full: boolean;
};

const required = (label: string, isRequired: boolean) => (isRequired ? `${label} *` : `${label} (optional)`);

/** The public registration form: name, email, optional phone and the event's own questions (`answers.<id>`). */
export function RegistrationForm({ action, questions, full }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  const value = (name: string) => submittedValue(state, name);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="Registration">
      {!state.ok && <Alert>{state.message}</Alert>}
      {state.ok && state.message && <Alert tone="info">{state.message}</Alert>}
      <Field label={required("Your name", true)} name="name" autoComplete="name" required maxLength={200} defaultValue={value("name")} error={errors.name} />
      <Field label={required("Email", true)} name="email" type="email" autoComplete="email" required maxLength={254} defaultValue={value("email")} error={errors.email} hint="Your ticket goes to this address." />
      <Field
        label={required("Phone", false)}
        name="phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        placeholder="+14155550100"
        defaultValue={value("phone")}
        error={errors.phone}
        hint="With the country code. For reminders and the WhatsApp concierge."
      />
      {questions.map((q) => {
        const name = `answers.${q.id}`;
        if (q.kind === "choice") {
          return (
            <SelectField
              // Remounted with the submitted choice: React's form reset after an action would otherwise go back to "Choose…".
              key={`${q.id}:${value(name) ?? ""}`}
              label={required(q.label, q.required)}
              name={name}
              required={q.required}
              defaultValue={value(name) ?? ""}
              error={errors[name]}
              options={[{ value: "", label: "Choose…" }, ...q.options.map((o) => ({ value: o, label: o }))]}
            />
          );
        }
        if (q.kind === "checkbox") return <Checkbox key={q.id} name={name} label={required(q.label, q.required)} required={q.required} defaultChecked={value(name) === "on"} error={errors[name]} />;
        return <Field key={q.id} label={required(q.label, q.required)} name={name} required={q.required} maxLength={2000} defaultValue={value(name)} error={errors[name]} />;
      })}
      <SubmitButton pendingLabel={full ? "Joining the waitlist…" : "Registering…"} className="w-full py-2.5">
        {full ? "Full — join the waitlist" : "Register"}
      </SubmitButton>
      <p className="text-xs text-slate-500">* required. We use your details only for this event.</p>
    </form>
  );
}

function Checkbox({ name, label, required, defaultChecked, error }: { name: string; label: string; required: boolean; defaultChecked: boolean; error: string | undefined }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="flex items-start gap-2.5 text-sm font-medium text-slate-700">
        <input
          id={id}
          type="checkbox"
          name={name}
          required={required}
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-brand-600"
        />
        <span>{label}</span>
      </label>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
