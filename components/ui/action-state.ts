import type { ActionResult } from "@/lib/actions/action";

/** The state a form starts in before its first submission. */
export const idleState: ActionResult = { ok: true };

/** The value a field should show after a failed submission (React resets forms after an action; this keeps input). */
export function submittedValue(state: ActionResult, name: string): string | undefined {
  return state.ok ? undefined : state.values?.[name];
}
