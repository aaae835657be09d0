import { endpoint, pageQuery } from "@/lib/api/endpoint";
import { auditEntrySchema, list } from "@/lib/api/schemas";
import { listAuditLog } from "@/lib/audit/log";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/audit-log", tag: "Organization", summary: "Audit log, newest first", access: "audit.read", query: pageQuery, response: list(auditEntrySchema) },
  async ({ principal, query }) => listAuditLog(principal, query),
);
