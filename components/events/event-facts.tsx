import { eventWhen, zoneLabel } from "./event-time";
import { CalendarIcon, GlobeIcon, PinIcon } from "./icons";

type Facts = { startsAt: string; endsAt: string; timezone: string; venue: string | null; onlineUrl: string | null };

/** Only http(s) links are rendered as links (the API accepts any URL). */
function httpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

/** When and where, in the event's time zone: shared by the event page and the ticket. */
export function EventFacts({ event, showOnlineLink = true }: { event: Facts; showOnlineLink?: boolean }) {
  const online = event.onlineUrl ? httpUrl(event.onlineUrl) : null;
  return (
    <ul className="flex flex-col gap-3 text-slate-700">
      <li className="flex gap-3">
        <CalendarIcon />
        <div>
          <p className="font-medium text-slate-900" data-testid="event-when">
            <time dateTime={event.startsAt}>{eventWhen(event.startsAt, event.endsAt, event.timezone)}</time>
          </p>
          <p className="text-sm text-slate-500">Times in {zoneLabel(event.startsAt, event.timezone)}</p>
        </div>
      </li>
      {event.venue && (
        <li className="flex gap-3">
          <PinIcon />
          <p className="break-words">{event.venue}</p>
        </li>
      )}
      {event.onlineUrl && (
        <li className="flex gap-3">
          <GlobeIcon />
          {showOnlineLink && online ? (
            <a href={online.href} className="font-medium break-all text-brand-700 hover:underline" rel="noopener noreferrer" target="_blank">
              {event.venue ? "Also online" : "Online"}: {online.host}
            </a>
          ) : (
            <p>Online</p>
          )}
        </li>
      )}
    </ul>
  );
}
