import type { Metadata } from "next";
import Link from "next/link";
import { apiHandlers } from "@/app/api/v1/routes";
import type { EndpointDefinition } from "@/lib/api/endpoint";
import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "API reference" };
// Rendered per request so the base URL is the running app's (APP_URL), not the build machine's.
export const dynamic = "force-dynamic";

type Operation = { operationId: string; summary: string; description?: string; parameters: { name: string; in: string; required: boolean; schema: unknown; description?: string }[]; requestBody?: { content: { "application/json": { schema: unknown } } }; responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }> };

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-emerald-50 text-emerald-700",
  POST: "bg-brand-50 text-brand-700",
  PATCH: "bg-amber-50 text-amber-800",
  PUT: "bg-amber-50 text-amber-800",
  DELETE: "bg-red-50 text-red-700",
};

const sectionId = (tag: string) => tag.toLowerCase().replace(/\W+/g, "-");

/** The sections' links: a sidebar on wide screens, a wrapping row under the title on phones (`className` and the parts' classes say which). */
function SectionNav({ tags, className, home, link, spec }: { tags: string[]; className: string; home: string; link: string; spec: string }) {
  return (
    <nav aria-label="API sections" className={`flex gap-1 text-sm ${className}`}>
      <Link href="/" className={`rounded text-brand-700 ${home}`}>
        Eventline
      </Link>
      {tags.map((tag) => (
        <a key={tag} href={`#${sectionId(tag)}`} className={`rounded px-2 py-1 hover:text-slate-900 ${link}`}>
          {tag}
        </a>
      ))}
      <a href="/api/v1/openapi.json" className={`rounded px-2 py-1 font-medium text-brand-700 ${spec}`}>
        openapi.json
      </a>
    </nav>
  );
}

/** The API reference, rendered on the server from the same OpenAPI document as /api/v1/openapi.json (no CDN, works offline). */
export default function ApiReferencePage() {
  const definitions: EndpointDefinition[] = apiHandlers().map((h) => h.definition);
  const document = openApiDocument(definitions, env.APP_URL) as { paths: Record<string, Record<string, Operation>> };
  const tags = [...new Set(definitions.map((d) => d.tag))];
  return (
    <div className="mx-auto flex max-w-6xl gap-8 px-4 py-10">
      <aside className="hidden w-52 shrink-0 md:block">
        <SectionNav tags={tags} className="sticky top-6 flex-col" home="mb-4 text-lg font-semibold" link="text-slate-600 hover:bg-slate-100" spec="mt-4 hover:underline" />
      </aside>
      <main className="min-w-0 flex-1">
        <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Eventline API v1</h1>
        {/* On phones the sidebar is hidden: the same sections as a row of links under the title. */}
        <SectionNav tags={tags} className="mt-3 flex-wrap md:hidden" home="px-2 py-1 font-medium" link="bg-slate-100 text-slate-700" spec="underline" />
        <div className="mt-3 max-w-3xl space-y-2 text-sm break-words text-slate-700">
          <p>
            Base URL <code className="rounded bg-slate-100 px-1">{env.APP_URL}/api/v1</code>. Authenticate with an API key from the dashboard:{" "}
            <code className="rounded bg-slate-100 px-1">Authorization: Bearer evl_…</code>. Keys have a scope: <em>read</em> or <em>read_write</em>.
          </p>
          <p>
            Errors are <a className="text-brand-700 underline" href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a> problem details (<code>application/problem+json</code>) with a stable <code>code</code>. Ids of other
            organizations answer 404. Every answer carries <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code> and <code>RateLimit-Reset</code>; over the limit you get 429 with <code>Retry-After</code>. Send{" "}
            <code>Idempotency-Key</code> on POST to retry safely: the first answer is replayed for 24 hours.
          </p>
        </div>
        {tags.map((tag) => (
          <section key={tag} id={sectionId(tag)} className="mt-10">
            <h2 className="border-b border-slate-200 pb-2 text-xl font-semibold text-slate-900">{tag}</h2>
            {definitions
              .filter((d) => d.tag === tag)
              .map((d) => {
                const op = document.paths[d.path]![d.method.toLowerCase()]!;
                return (
                  <article key={op.operationId} id={op.operationId} className="mt-6 rounded-xl border border-slate-200 bg-white p-5">
                    <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
                      <span className={`rounded px-2 py-0.5 text-xs font-semibold ${METHOD_STYLE[d.method]}`}>{d.method}</span>
                      <span className="break-all text-slate-900">{d.path}</span>
                    </h3>
                    <p className="mt-2 font-medium text-slate-900">{op.summary}</p>
                    {op.description && <p className="mt-1 text-sm whitespace-pre-line text-slate-600">{op.description.replaceAll("`", "")}</p>}
                    {op.parameters.length > 0 && (
                      <table className="mt-4 w-full text-left text-sm">
                        <thead className="text-xs text-slate-500 uppercase">
                          <tr>
                            <th className="py-1 pr-3 font-medium">Parameter</th>
                            <th className="py-1 pr-3 font-medium">In</th>
                            <th className="py-1 font-medium">Schema</th>
                          </tr>
                        </thead>
                        <tbody>
                          {op.parameters.map((p) => (
                            <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-top">
                              <td className="py-1.5 pr-3 font-mono text-xs">
                                {p.name}
                                {p.required && <span className="text-red-600">*</span>}
                              </td>
                              <td className="py-1.5 pr-3 text-slate-600">{p.in}</td>
                              <td className="py-1.5 font-mono text-xs break-all text-slate-600">{p.description ?? JSON.stringify(p.schema)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                    {op.requestBody && (
                      <details className="mt-4">
                        <summary className="cursor-pointer text-sm font-medium text-slate-800">Request body (application/json)</summary>
                        <pre className="mt-2 overflow-x-auto rounded-lg bg-slate-50 p-3 text-xs">{JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}</pre>
                      </details>
                    )}
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm font-medium text-slate-800">Responses: {Object.keys(op.responses).join(", ")}</summary>
                      <ul className="mt-2 space-y-2 text-sm">
                        {Object.entries(op.responses).map(([status, r]) => (
                          <li key={status}>
                            <span className="font-mono font-semibold">{status}</span> <span className="text-slate-600">{r.description}</span>
                            {r.content?.["application/json"] && <pre className="mt-1 overflow-x-auto rounded-lg bg-slate-50 p-3 text-xs">{JSON.stringify(r.content["application/json"].schema, null, 2)}</pre>}
                          </li>
                        ))}
                      </ul>
                    </details>
                  </article>
                );
              })}
          </section>
        ))}
      </main>
    </div>
  );
}
