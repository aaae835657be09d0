import Link from "next/link";
import { Badge } from "@/components/ui/feedback";
import type { EventDto } from "@/lib/events/service";
import { formatInZone } from "@/lib/time";

/** How an event's status looks wherever it is shown in the dashboard. */
export const EVENT_STATUS_TONE = { draft: "amber", published: "emerald", cancelled: "red" } as const;

/** Events as dashboard rows: title, start in the event's zone, seats taken, status; each links to its editor. */
export function EventList({ events }: { events: Pick<EventDto, "id" | "title" | "startsAt" | "timezone" | "confirmedCount" | "capacity" | "status">[] }) {
  return (
    <ul className="-my-2 divide-y divide-slate-100" data-testid="events">
      {events.map((e) => (
        <li key={e.id}>
          <Link href={`/dashboard/events/${e.id}`} className="-mx-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-1 rounded-lg px-2 py-3 hover:bg-slate-50">
            <span className="min-w-0">
              <span className="block font-medium break-words text-slate-900">{e.title}</span>
              <span className="block text-sm text-slate-600">
                {formatInZone(e.startsAt, e.timezone, { dateStyle: "medium", timeStyle: "short" })} ({e.timezone.replaceAll("_", " ")})
              </span>
            </span>
            <span className="flex items-center gap-3 text-sm text-slate-600">
              <span>
                {e.confirmedCount} / {e.capacity}
                <span className="sr-only"> seats taken</span>
              </span>
              <Badge tone={EVENT_STATUS_TONE[e.status]}>{e.status}</Badge>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
