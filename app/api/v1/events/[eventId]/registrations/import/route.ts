import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf } from "@/lib/api/schemas";
import { importInput, importRegistrations } from "@/lib/registrations/import";

export const dynamic = "force-dynamic";

const rowResult = z.object({
  line: z.number().int(),
  outcome: z.enum(["created", "waitlisted", "existing", "error"]),
  registrationId: z.string().nullable(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/events/{eventId}/registrations/import",
    tag: "Registrations",
    summary: "Import registrations (one batch of a CSV)",
    description:
      "Up to 200 rows per call, each checked like a registration (name, email, E.164 phone, required answers by question label). Valid rows are registered in order (source `import`): `created` (a seat), `waitlisted`, or `existing` (the email is registered already, so re-uploading a file is harmless); invalid rows are `error` with field messages. One result per row, in order. 409 as for a registration when the event takes none.",
    access: "attendees.manage",
    params: z.object({ eventId: idOf("evt") }),
    body: importInput,
    response: z.object({ data: z.array(rowResult) }),
  },
  async ({ principal, params: { eventId }, body }) => ({ data: await importRegistrations(principal, eventId, body) }),
);
