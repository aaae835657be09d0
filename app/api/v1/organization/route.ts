import { endpoint } from "@/lib/api/endpoint";
import { one, organizationSchema } from "@/lib/api/schemas";
import { getOrganization, updateOrganization, updateOrganizationInput } from "@/lib/organizations/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/organization", tag: "Organization", summary: "The organization", access: "authenticated", response: one(organizationSchema) },
  async ({ principal }) => ({ data: await getOrganization(principal) }),
);

export const PATCH = endpoint(
  { method: "PATCH", path: "/api/v1/organization", tag: "Organization", summary: "Change organization settings", access: "settings.manage", body: updateOrganizationInput, response: one(organizationSchema) },
  async ({ principal, body, auditContext }) => ({ data: await updateOrganization(principal, body, auditContext) }),
);
