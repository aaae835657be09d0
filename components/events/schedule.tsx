import type { PublicSession } from "@/lib/events/public";
import { dayLabel, sessionTime } from "./event-time";

/** The event's schedule in its time zone, grouped by day when it spans several; the keynote stands out. */
export function Schedule({ sessions, timezone }: { sessions: PublicSession[]; timezone: string }) {
  const days = new Map<string, PublicSession[]>();
  for (const session of sessions) {
    const day = dayLabel(session.startsAt, timezone);
    days.set(day, [...(days.get(day) ?? []), session]);
  }
  return (
    <div className="flex flex-col gap-6" data-testid="schedule">
      {[...days].map(([day, list]) => (
        <div key={day}>
          {days.size > 1 && <h3 className="mb-2 text-sm font-semibold text-slate-500">{day}</h3>}
          <ol className="flex flex-col gap-2">
            {list.map((s) => (
              <li
                key={s.id}
                data-keynote={s.isKeynote || undefined}
                className={`grid gap-1 rounded-xl border px-4 py-3 sm:grid-cols-[9.5rem_1fr] sm:gap-4 ${s.isKeynote ? "border-brand-500 bg-brand-50 ring-1 ring-brand-500/30" : "border-slate-200 bg-white"}`}
              >
                <p className="text-sm font-medium whitespace-nowrap text-slate-600 tabular-nums">{sessionTime(s.startsAt, s.endsAt, timezone)}</p>
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                    <span className="break-words">{s.title}</span>
                    {s.isKeynote && <span className="inline-flex items-center rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">Keynote</span>}
                  </p>
                  {(s.speaker || s.room) && (
                    <p className="mt-0.5 text-sm text-slate-600">
                      {s.speaker}
                      {s.speaker && s.room && <span aria-hidden> · </span>}
                      {s.room && <span className="text-slate-600">{s.room}</span>}
                    </p>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
