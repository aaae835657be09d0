import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf } from "@/lib/api/schemas";
import { deletePhoneNumber } from "@/lib/concierge/phone-numbers";

export const dynamic = "force-dynamic";

export const DELETE = endpoint(
  { method: "DELETE", path: "/api/v1/phone-numbers/{phoneNumberId}", tag: "Phone numbers", summary: "Remove a number's mapping", description: "Later messages to the number are stored and flagged as unmapped.", access: "settings.manage", params: z.object({ phoneNumberId: idOf("pnm") }), status: 204 },
  async ({ principal, params, auditContext }) => deletePhoneNumber(principal, params.phoneNumberId, auditContext),
);
