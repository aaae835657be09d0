import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf } from "@/lib/api/schemas";
import { registrationsCsv } from "@/lib/registrations/export";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  {
    method: "GET",
    path: "/api/v1/events/{eventId}/registrations.csv",
    tag: "Registrations",
    summary: "Export registrations as CSV",
    description: "Streamed; one row per registration (any status), one column per custom question. Times in ISO 8601 UTC.",
    access: "attendees.read",
    params: z.object({ eventId: idOf("evt") }),
    contentType: "text/csv",
    response: z.string().describe("CSV with a header row"),
  },
  async ({ principal, params: { eventId } }) => {
    const { filename, stream } = await registrationsCsv(principal, eventId);
    return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" } });
  },
);
