import type { App, Database } from "./harness";
import { base } from "./harness";
import type { ProviderStandIn } from "./stand-ins";

/** What every scenario gets: the database, the app, the provider stand-ins and the credentials the suite configured. */
export type Context = {
  db: Database;
  app: App;
  resend: ProviderStandIn;
  twilio: ProviderStandIn;
  apiKey: string;
  twilioToken: string;
  /** The seeded demo event's number: messages to it reach the concierge. */
  conciergeNumber: string;
  secrets: { clerk: string; resend: string; shopify: string };
  metricsToken: string;
};

/** A JSON call to /api/v1 with the suite's API key. */
export async function api<T = unknown>(ctx: Context, method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${ctx.apiKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, data: data as T };
}

/** A published event with room for everyone, created through the API (the same services the app uses). */
export async function publishedEvent(ctx: Context, title: string): Promise<string> {
  const starts = new Date(Date.now() + 30 * 86_400_000);
  const created = await api<{ data: { id: string } }>(ctx, "POST", "/api/v1/events", {
    title,
    timezone: "Europe/Berlin",
    startsAt: starts.toISOString(),
    endsAt: new Date(starts.getTime() + 8 * 3_600_000).toISOString(),
    capacity: 100_000,
  });
  if (created.status !== 201) throw new Error(`creating an event answered ${created.status}: ${JSON.stringify(created.data)}`);
  const id = created.data.data.id;
  const published = await api(ctx, "POST", `/api/v1/events/${id}/publish`);
  if (published.status !== 200) throw new Error(`publishing the event answered ${published.status}: ${JSON.stringify(published.data)}`);
  return id;
}

/** Registers `count` people (new emails) and returns their registration ids and emails. */
export async function register(ctx: Context, eventId: string, prefix: string, count: number): Promise<{ id: string; email: string }[]> {
  const out: { id: string; email: string }[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}-${i}@resilience.test`;
    const r = await api<{ data: { id: string } }>(ctx, "POST", `/api/v1/events/${eventId}/registrations`, { name: `Resilience ${prefix} ${i}`, email });
    if (r.status !== 201) throw new Error(`registering ${email} answered ${r.status}: ${JSON.stringify(r.data)}`);
    out.push({ id: r.data.data.id, email });
  }
  return out;
}
