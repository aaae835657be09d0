/**
 * A stored webhook body, readable: JSON pretty-printed, form bodies (Twilio) as a table of fields, anything else as
 * sent. What it is given is already masked by the service (signatures, account ids).
 */
export function PayloadBody({ body, contentType }: { body: string; contentType: string | undefined }) {
  if (!body) return <p className="text-sm text-slate-500">Empty body.</p>;
  const type = (contentType ?? "").toLowerCase();
  const json = parseJson(body);
  if (json !== undefined) {
    return (
      <pre tabIndex={0} className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100" data-testid="payload-json">
        {JSON.stringify(json, null, 2)}
      </pre>
    );
  }
  if (type.includes("application/x-www-form-urlencoded") || /^[\w.%-]+=[^&]*(&[\w.%-]+=[^&]*)*$/.test(body)) {
    return <KeyValueTable caption="Form fields" rows={[...new URLSearchParams(body).entries()]} testId="payload-form" />;
  }
  return <pre tabIndex={0} className="overflow-x-auto rounded-lg bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-700">{body}</pre>;
}

export function KeyValueTable({ caption, rows, testId }: { caption: string; rows: [string, string][]; testId?: string }) {
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-xs" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Value
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(([name, value], i) => (
            <tr key={`${name}-${i}`}>
              <th scope="row" className="px-3 py-1.5 align-top font-mono font-medium whitespace-nowrap text-slate-700">
                {name}
              </th>
              <td className="px-3 py-1.5 font-mono break-all text-slate-900">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function parseJson(body: string): unknown {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
