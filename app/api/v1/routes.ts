import type { ApiHandler } from "@/lib/api/endpoint";
import * as apiKey from "./api-keys/[keyId]/route";
import * as apiKeys from "./api-keys/route";
import * as auditLog from "./audit-log/route";
import * as invitation from "./invitations/[invitationId]/route";
import * as invitationResend from "./invitations/[invitationId]/resend/route";
import * as invitations from "./invitations/route";
import * as me from "./me/route";
import * as member from "./members/[userId]/route";
import * as members from "./members/route";
import * as organization from "./organization/route";

/**
 * Every /api/v1 route module, by its file. The OpenAPI document and the permission-matrix and tenant-isolation tests
 * are generated from this list; tests/api-registry.test.ts fails when a route file under app/api/v1 is missing here.
 */
export const apiRouteModules: Record<string, Record<string, unknown>> = {
  "api-keys/[keyId]/route.ts": apiKey,
  "api-keys/route.ts": apiKeys,
  "audit-log/route.ts": auditLog,
  "invitations/[invitationId]/route.ts": invitation,
  "invitations/[invitationId]/resend/route.ts": invitationResend,
  "invitations/route.ts": invitations,
  "me/route.ts": me,
  "members/[userId]/route.ts": member,
  "members/route.ts": members,
  "organization/route.ts": organization,
};

const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

/** The handlers with their definitions, in a stable order. */
export function apiHandlers(): ApiHandler[] {
  return Object.values(apiRouteModules).flatMap((module) =>
    METHODS.map((method) => module[method]).filter((handler): handler is ApiHandler => typeof handler === "function" && "definition" in handler),
  );
}
