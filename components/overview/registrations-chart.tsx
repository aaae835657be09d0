import { dateTimeFormat } from "@/lib/time";

/**
 * Registrations per day as an inline SVG bar chart (no chart library: one series of at most a few dozen bars).
 * Screen readers get a one-line summary as the image's name and the full numbers in the table below it.
 */
export function RegistrationsChart({ perDay, total }: { perDay: { date: string; count: number }[]; total: number }) {
  const max = Math.max(1, ...perDay.map((d) => d.count));
  const width = 600;
  const height = 160;
  const gap = 2;
  const bar = width / perDay.length;
  const busiest = perDay.reduce((best, d) => (d.count > best.count ? d : best), perDay[0] ?? { date: "", count: 0 });
  // Shared formatters (lib/time): constructing an Intl.DateTimeFormat per label was most of this page's render time.
  const label = (date: string, options: Intl.DateTimeFormatOptions = { day: "numeric", month: "short" }) => dateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
  const summary =
    total === 0
      ? `No registrations in the last ${perDay.length} days.`
      : `${total} registrations in the last ${perDay.length} days; the busiest day was ${label(busiest.date)} with ${busiest.count}.`;
  const first = perDay[0];
  const last = perDay[perDay.length - 1];

  return (
    <figure className="grid gap-2">
      {/* Stretched to the card's width at a fixed height; labels are HTML so they stay legible on a phone. */}
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={summary} className="h-40 w-full" data-testid="registrations-chart">
        <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} className="stroke-slate-300" strokeWidth={1} vectorEffect="non-scaling-stroke" />
        {perDay.map((d, i) => {
          const h = d.count === 0 ? 0 : Math.max(2, (d.count / max) * (height - 8));
          return (
            <rect key={d.date} x={i * bar + gap / 2} y={height - h} width={Math.max(1, bar - gap)} height={h} className="fill-brand-600">
              <title>{`${label(d.date)}: ${d.count}`}</title>
            </rect>
          );
        })}
      </svg>
      {first && last && (
        <div aria-hidden className="flex justify-between text-xs text-slate-600">
          <span>{label(first.date)}</span>
          {total > 0 && <span>busiest day: {busiest.count}</span>}
          <span>{label(last.date)}</span>
        </div>
      )}
      <figcaption className="text-sm text-slate-600">{summary}</figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Show the numbers</summary>
        <div className="mt-2 max-h-64 overflow-y-auto">
          <table className="w-full text-left" data-testid="registrations-per-day">
            <caption className="sr-only">Registrations per day</caption>
            <thead className="text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Day
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Registrations
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {[...perDay].reverse().map((d) => (
                <tr key={d.date}>
                  <th scope="row" className="py-1 pr-4 font-normal text-slate-700">
                    {label(d.date, { weekday: "short", day: "numeric", month: "short" })}
                  </th>
                  <td className="py-1 text-right text-slate-900 tabular-nums">{d.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
