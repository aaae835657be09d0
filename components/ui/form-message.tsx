import type { ActionResult } from "@/lib/actions/action";
import { Alert } from "./feedback";

/**
 * What a form says after a submission: the error (unless it is about fields, which the fields show themselves) or the
 * success message. One place for every form bound to a server action.
 */
export function FormMessage({ state, className, showFieldErrors = false }: { state: ActionResult; className?: string; showFieldErrors?: boolean }) {
  const message =
    !state.ok && (showFieldErrors || !state.fieldErrors) ? <Alert>{state.message}</Alert> : state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null;
  if (!message) return null;
  return className ? <div className={className}>{message}</div> : message;
}
