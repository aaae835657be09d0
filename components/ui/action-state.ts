import type { ActionResult } from "@/lib/actions/action";

/** The state a form starts in before its first submission. */
export const idleState: ActionResult = { ok: true };
