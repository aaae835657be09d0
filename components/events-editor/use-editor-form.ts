"use client";
import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { idleState, submittedValue } from "@/components/ui/action-state";
import { useToast } from "@/components/ui/toast";

type ServerAction = (previous: ActionResult, form: FormData) => Promise<ActionResult>;

/**
 * A form bound to one of the editor's server actions: field errors by name, what was typed kept after an error, and
 * on success a toast and `onSaved` (an inline editor closes itself there).
 */
export function useEditorForm(action: ServerAction, onSaved?: () => void) {
  const toast = useToast();
  // Counts answers: a <select> keyed by it remounts with what was sent (React resets forms after an action, and a
  // select goes back to its first default, unlike inputs, whose defaultValue React keeps in step).
  const [attempt, setAttempt] = useState(0);
  const [state, formAction, pending] = useActionState(async (previous: ActionResult, form: FormData) => {
    const result = await action(previous, form);
    setAttempt((n) => n + 1);
    if (result.ok) {
      if (result.message) toast("success", result.message);
      onSaved?.();
    }
    return result;
  }, idleState);
  const errors: Record<string, string> = state.ok ? {} : (state.fieldErrors ?? {});
  const value = (name: string, fallback?: string) => submittedValue(state, name) ?? fallback;
  return { state, formAction, pending, errors, value, attempt };
}
