"use client";
import { useQueryClient } from "@tanstack/react-query";
import Papa from "papaparse";
import { useId, useMemo, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { Alert } from "@/components/ui/feedback";
import { apiFetch, ApiError } from "@/lib/query/fetch";

type Row = { line: number; name: string; email: string; phone: string | null; answers: Record<string, string> };
type Outcome = "created" | "waitlisted" | "existing" | "error";
type Result = { line: number; outcome: Outcome; registrationId: string | null; errors: { field: string; message: string }[] };
type Failure = { line: number; name: string; email: string; reasons: string };

const BATCH = 100;
const SHOWN_FAILURES = 200;
/** Columns of our own export that are not answers: re-importing an export works. */
const EXPORT_COLUMNS = new Set(["id", "status", "source", "waitlist_position", "checked_in_at", "registered_at"]);
const OUTCOMES: { key: Outcome; label: string }[] = [
  { key: "created", label: "Registered" },
  { key: "waitlisted", label: "Waitlisted" },
  { key: "existing", label: "Already registered" },
  { key: "error", label: "Failed" },
];

/**
 * CSV import: the browser parses the file (Papa Parse), sends it in batches of 100 rows to the import endpoint,
 * shows progress, and ends with counts per outcome and the failed rows (line, reasons), downloadable as CSV.
 */
export function CsvImport({ eventId, questionLabels }: { eventId: string; questionLabels: string[] }) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; rows: Row[]; ignored: string[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [results, setResults] = useState<Result[] | null>(null);
  const [elapsed, setElapsed] = useState<number | null>(null);
  const labels = useMemo(() => new Set(questionLabels.map((l) => l.trim().toLowerCase())), [questionLabels]);

  const choose = (chosen: File | undefined) => {
    setProblem(null);
    setResults(null);
    setElapsed(null);
    setDone(0);
    setFile(null);
    if (!chosen) return;
    Papa.parse<Record<string, string>>(chosen, {
      header: true,
      skipEmptyLines: "greedy",
      transformHeader: (h) => h.trim(),
      complete: ({ data, meta }) => {
        const fields = meta.fields ?? [];
        const find = (...names: string[]) => fields.find((f) => names.includes(f.toLowerCase()));
        const nameColumn = find("name", "full name", "full_name");
        const emailColumn = find("email", "e-mail", "email address");
        const phoneColumn = find("phone", "phone number", "mobile");
        if (!nameColumn || !emailColumn) {
          setProblem(`The file needs a header row with “name” and “email” columns (found: ${fields.join(", ") || "none"}).`);
          return;
        }
        const answerColumns = fields.filter((f) => f !== nameColumn && f !== emailColumn && f !== phoneColumn && labels.has(f.toLowerCase()));
        const ignored = fields.filter((f) => f !== nameColumn && f !== emailColumn && f !== phoneColumn && !labels.has(f.toLowerCase()) && !EXPORT_COLUMNS.has(f.toLowerCase()));
        const rows = data.map((record, i) => ({
          line: i + 2,
          name: record[nameColumn] ?? "",
          email: record[emailColumn] ?? "",
          phone: phoneColumn ? (record[phoneColumn] ?? "") : null,
          answers: Object.fromEntries(answerColumns.map((c) => [c, record[c] ?? ""])),
        }));
        if (rows.length === 0) setProblem("The file has a header but no rows.");
        else setFile({ name: chosen.name, rows, ignored });
      },
      error: (error) => setProblem(`Could not read the file: ${error.message}`),
    });
  };

  const start = async () => {
    if (!file) return;
    setRunning(true);
    setProblem(null);
    setDone(0);
    const all: Result[] = [];
    setResults(all);
    const started = performance.now();
    try {
      for (let i = 0; i < file.rows.length; i += BATCH) {
        const batch = file.rows.slice(i, i + BATCH);
        const send = () => apiFetch<{ data: Result[] }>(`/api/v1/events/${eventId}/registrations/import`, { method: "POST", body: JSON.stringify({ rows: batch }) });
        // A dropped connection or a server error is retried once: the import is idempotent (existing rows are skipped).
        const { data } = await send().catch((error: unknown) => {
          if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) return send();
          throw error;
        });
        all.push(...data);
        setResults([...all]);
        setDone(i + batch.length);
      }
    } catch (error) {
      setProblem(`The import stopped after ${all.length} of ${file.rows.length} rows: ${(error as Error).message} Importing the file again skips the rows already registered.`);
    } finally {
      setElapsed(performance.now() - started);
      setRunning(false);
      void queryClient.invalidateQueries({ queryKey: ["registration", eventId] });
    }
  };

  const byLine = useMemo(() => new Map(file?.rows.map((r) => [r.line, r]) ?? []), [file]);
  const failures: Failure[] = (results ?? [])
    .filter((r) => r.outcome === "error")
    .map((r) => ({ line: r.line, name: byLine.get(r.line)?.name ?? "", email: byLine.get(r.line)?.email ?? "", reasons: r.errors.map((e) => `${e.field}: ${e.message}`).join("; ") }));
  const count = (o: Outcome) => (results ?? []).filter((r) => r.outcome === o).length;
  const total = file?.rows.length ?? 0;
  const percent = total ? Math.round((done / total) * 100) : 0;
  const downloadReport = () => {
    const url = URL.createObjectURL(new Blob([Papa.unparse(failures, { columns: ["line", "name", "email", "reasons"] })], { type: "text/csv" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: "import-errors.csv" });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const finished = results !== null && !running;

  return (
    <section id="import" className="min-w-0 scroll-mt-4 rounded-xl border border-slate-200 bg-white shadow-xs" aria-labelledby="import-heading">
      <header className="border-b border-slate-100 px-5 py-4">
        <h2 id="import-heading" className="font-semibold text-slate-900">
          Import from CSV
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">
          Columns: <code>name</code>, <code>email</code>, optional <code>phone</code> (with country code, e.g. +14155550100)
          {questionLabels.length > 0 && <>, and one per question: {questionLabels.map((l) => `“${l}”`).join(", ")}</>}. People already registered are skipped.
        </p>
      </header>
      <div className="grid gap-4 px-5 py-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-0 flex-1 flex-col gap-1.5">
            <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
              CSV file
            </label>
            <input
              ref={fileRef}
              id={inputId}
              type="file"
              accept=".csv,text/csv"
              disabled={running}
              onChange={(e) => choose(e.target.files?.[0])}
              className="max-w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
            />
          </div>
          <button type="button" className={buttonClass("primary")} disabled={!file || running} onClick={() => void start()}>
            {running ? "Importing…" : file ? `Import ${file.rows.length} rows` : "Import"}
          </button>
        </div>
        {file && file.ignored.length > 0 && (
          <p className="text-sm text-amber-800">
            Ignored columns (no question with that label): {file.ignored.join(", ")}
          </p>
        )}
        {problem && <Alert>{problem}</Alert>}

        {results !== null && (
          <div className="grid gap-2">
            <div className="flex justify-between text-sm text-slate-700">
              <span id="import-progress-label">{running ? "Importing…" : "Import finished"}</span>
              <span className="tabular-nums" data-testid="import-progress-text">
                {done} / {total} rows
              </span>
            </div>
            <div
              role="progressbar"
              aria-labelledby="import-progress-label"
              aria-valuemin={0}
              aria-valuemax={total}
              aria-valuenow={done}
              aria-valuetext={`${done} of ${total} rows`}
              className="h-3 overflow-hidden rounded-full bg-slate-100"
            >
              <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
            </div>
          </div>
        )}

        {finished && (
          <div className="grid gap-4" role="status" aria-live="polite">
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="import-counts">
              {OUTCOMES.map((o) => (
                <div key={o.key} data-outcome={o.key} className={`rounded-lg border px-3 py-2 ${o.key === "error" && count("error") > 0 ? "border-red-200 bg-red-50" : "border-slate-200"}`}>
                  <dt className="text-xs text-slate-600 uppercase">{o.label}</dt>
                  <dd className="text-lg font-semibold text-slate-900 tabular-nums">{count(o.key)}</dd>
                </div>
              ))}
            </dl>
            {elapsed !== null && <p className="text-xs text-slate-600">{`${done} rows in ${(elapsed / 1000).toFixed(1)} s.`}</p>}
          </div>
        )}

        {finished && failures.length > 0 && (
          <div className="grid gap-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-medium text-slate-900">Rows that were not imported</h3>
              <button type="button" onClick={downloadReport} className={buttonClass("secondary")}>
                Download error report
              </button>
            </div>
            <div className="max-h-96 overflow-auto rounded-lg border border-slate-200">
              <table className="w-full text-left text-sm" data-testid="import-failures">
                <caption className="sr-only">Failed rows with their line numbers and reasons</caption>
                <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">Line</th>
                    <th scope="col" className="px-3 py-2 font-medium">Row</th>
                    <th scope="col" className="px-3 py-2 font-medium">Problem</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {failures.slice(0, SHOWN_FAILURES).map((f) => (
                    <tr key={f.line}>
                      <td className="px-3 py-2 tabular-nums">{f.line}</td>
                      <td className="max-w-[12rem] px-3 py-2">
                        <div className="truncate">{f.name || <span className="text-slate-500">(no name)</span>}</div>
                        <div className="truncate text-slate-600">{f.email || "(no email)"}</div>
                      </td>
                      <td className="px-3 py-2 text-red-800">{f.reasons}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {failures.length > SHOWN_FAILURES && <p className="text-sm text-slate-600">…and {failures.length - SHOWN_FAILURES} more in the error report.</p>}
          </div>
        )}
      </div>
    </section>
  );
}
