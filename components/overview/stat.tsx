/** One number on the overview, with what it counts. */
export function Stat({ label, value, detail, tone = "slate", testId }: { label: string; value: number; detail?: string; tone?: "slate" | "amber"; testId?: string }) {
  return (
    <div className={`rounded-xl border bg-white px-4 py-3 ${tone === "amber" && value > 0 ? "border-amber-300" : "border-slate-200"}`} data-testid={testId}>
      <dt className="text-xs font-medium text-slate-600 uppercase">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{value.toLocaleString("en-GB")}</dd>
      {detail && <dd className="text-xs text-slate-600">{detail}</dd>}
    </div>
  );
}
