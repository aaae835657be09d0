import { env } from "@/lib/env";
import { ticketByToken } from "@/lib/events/public";
import { eventIcs } from "@/lib/registrations/ics";

export const dynamic = "force-dynamic";

/** "Add to calendar": the ticket's event as an .ics download. The ticket token is the only credential. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ticket = await ticketByToken(token);
  if (!ticket) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "x-robots-tag": "noindex" } });
  const { event } = ticket;
  // A cancelled event or ticket still downloads, marked cancelled: importing it removes the entry where it exists.
  const cancelled = event.status === "cancelled" || ticket.status === "cancelled";
  const ticketUrl = new URL(`/t/${ticket.ticketToken}`, env.APP_URL).toString();
  const body = eventIcs({
    // One UID per event (not per ticket): a re-download or an updated invite replaces the calendar entry.
    uid: `${event.id}@eventline`,
    title: event.title,
    description: [event.description.trim(), event.onlineUrl ? `Join online: ${event.onlineUrl}` : "", `Your ticket: ${ticketUrl}`].filter(Boolean).join("\n\n"),
    location: event.venue ?? event.onlineUrl,
    url: ticketUrl,
    startsAt: new Date(event.startsAt),
    endsAt: new Date(event.endsAt),
    organizerName: event.organizationName,
    ...(cancelled ? { status: "CANCELLED" as const, sequence: 1 } : {}),
  });
  return new Response(body, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${event.slug}.ics"`,
      "cache-control": "private, no-store",
      "x-robots-tag": "noindex",
    },
  });
}
