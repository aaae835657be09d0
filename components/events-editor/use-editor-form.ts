"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { idleState, submittedValue } from "@/components/ui/action-state";
import { useToast } from "@/components/ui/toast";

type ServerAction = (previous: ActionResult, form: FormData) => Promise<ActionResult>;

/**
 * A form bound to one of the editor's server actions: field errors by name, what was typed kept after an error, and
 * on success a toast and `onSaved` (an inline editor closes itself there).
 *
 * A <select> should be keyed by its `value(…)`: React resets a form after its action, and a select goes back to the
 * default it was mounted with (React does not update a select's default later, unlike an input's), so it is
 * remounted whenever the value to show changes.
 */
export function useEditorForm(action: ServerAction, onSaved?: () => void) {
  const toast = useToast();
  const [state, formAction, pending] = useActionState(async (previous: ActionResult, form: FormData) => {
    const result = await action(previous, form);
    if (result.ok) {
      if (result.message) toast("success", result.message);
      onSaved?.();
    }
    return result;
  }, idleState);
  const errors: Record<string, string> = state.ok ? {} : (state.fieldErrors ?? {});
  const value = (name: string, fallback?: string) => submittedValue(state, name) ?? fallback;
  return { state, formAction, pending, errors, value };
}
