import "server-only";
import { z } from "zod";
import { toProblem } from "@/lib/api/problem";
import { requirePermission } from "@/lib/auth/principal";
import type { Permission } from "@/lib/auth/permissions";
import { requireWorkspace, requestContext, type Workspace } from "@/lib/auth/session";
import { logger } from "@/lib/log";
import { requestIdFrom } from "@/lib/request-id";

/**
 * The one wrapper for dashboard server actions (the twin of lib/api/endpoint.ts for forms): signed-in member of the
 * current organization → permission → zod parse of the form → the service → a result the form can show.
 * Next.js itself rejects server actions whose Origin is not the app's (CSRF).
 */
export type ActionResult<T = unknown> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string>; /** What was submitted (never passwords), so the form keeps it. */ values?: Record<string, string> };

export const idle: ActionResult = { ok: true };

export function formObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  return out;
}

export function failure(error: unknown, requestId = requestIdFrom(null), submitted: Record<string, string> = {}): ActionResult<never> {
  const values = Object.fromEntries(Object.entries(submitted).filter(([key]) => !/password|token|secret/i.test(key)));
  if (error instanceof z.ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
    return { ok: false, code: "validation_failed", message: "Check the highlighted fields.", fieldErrors, values };
  }
  const { problem, unexpected } = toProblem(error, { requestId });
  if (unexpected) logger.error({ err: error, requestId }, "server action failed");
  return { ok: false, code: problem.code, message: problem.detail, values };
}

type Context<T> = { workspace: Workspace; input: T; audit: { requestId: string; ip: string | null } };

export function memberAction<S extends z.ZodType>(
  permission: Permission | "member",
  schema: S,
  run: (context: Context<z.output<S>>) => Promise<ActionResult | void>,
): (previous: ActionResult, form: FormData) => Promise<ActionResult> {
  return async (_previous, form) => {
    const workspace = await requireWorkspace();
    const requestId = requestIdFrom(null);
    try {
      if (permission !== "member") requirePermission(workspace.caller, permission);
      const input = schema.parse(formObject(form));
      const { ip } = await requestContext();
      return (await run({ workspace, input, audit: { requestId, ip } })) ?? { ok: true };
    } catch (error) {
      if (isRedirect(error)) throw error;
      return failure(error, requestId, formObject(form));
    }
  };
}

/** next/navigation's redirect() works by throwing; let it through. */
export function isRedirect(error: unknown): boolean {
  return typeof error === "object" && error !== null && "digest" in error && String((error).digest).startsWith("NEXT_REDIRECT");
}
