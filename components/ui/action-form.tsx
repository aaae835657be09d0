"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { idleState } from "./action-state";
import { SubmitButton } from "./button";
import { FormMessage } from "@/components/ui/form-message";

type Props = {
  action: (previous: ActionResult, form: FormData) => Promise<ActionResult>;
  submit: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  hidden?: Record<string, string>;
  className?: string;
  /** Ask before submitting (destructive actions). */
  confirm?: string;
  children?: React.ReactNode;
};

/**
 * A form bound to a server action, showing its pending state and the result message. Forms with fields that need
 * per-field errors are their own client components (they read `fieldErrors` and `values` from the state).
 */
export function ActionForm({ action, submit, pendingLabel, variant, hidden = {}, className = "", confirm, children }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form
      action={formAction}
      className={className}
      noValidate
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {submit}
      </SubmitButton>
      <FormMessage state={state} className="basis-full" showFieldErrors />
    </form>
  );
}
