import { endpoint } from "@/lib/api/endpoint";
import { meSchema, one } from "@/lib/api/schemas";
import { permissionsOf } from "@/lib/auth/principal";
import { organizationSummary } from "@/lib/organizations/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/me", tag: "Identity", summary: "Who am I", description: "The caller (member or API key), the organization it acts for, its role or key scope, and what it may do.", access: "authenticated", response: one(meSchema) },
  async ({ principal }) => {
    const { id, name, slug, timezone } = await organizationSummary(principal);
    return {
      data: {
        kind: principal.kind,
        ...(principal.kind === "user"
          ? { user: { id: principal.userId, email: principal.email, name: principal.name }, role: principal.role }
          : { apiKey: { id: principal.keyId }, scope: principal.scope }),
        organization: { id, name, slug, timezone },
        permissions: permissionsOf(principal),
      },
    };
  },
);
