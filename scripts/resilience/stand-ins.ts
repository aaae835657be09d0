/**
 * Local stand-ins for the two provider APIs the app calls, living in the suite's process (so they outlive every kill
 * of the app). Each records every POST with its idempotency key and answers like the provider documents:
 *   Resend  POST /emails → 200 {id}; the same Idempotency-Key again → the first answer replayed, no second email
 *           (Resend keeps keys 24 h). A fault window answers 429 (with retry-after) or 500 instead.
 *   Twilio  POST /2010-04-01/Accounts/:sid/Messages.json → 201 {sid}. Twilio documents no idempotency for Messages
 *           create, so a repeated I-Twilio-Idempotency-Token is a second message (counted as a duplicate).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = { status: 429 | 500; retryAfterSeconds?: number };
export type Attempt = { key: string; at: number; status: number; to: string };

export class ProviderStandIn {
  url = "";
  readonly attempts: Attempt[] = [];
  /** key → the id of the one email/message created for it (the provider-side record). */
  readonly created = new Map<string, { id: string; at: number; to: string; count: number; times: number[] }>();
  private fault: ((at: number) => Fault | null) | null = null;
  private server: http.Server;
  private n = 0;

  constructor(readonly kind: "resend" | "twilio") {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => this.answer(req, Buffer.concat(chunks).toString("utf8"), res));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Answer with a fault while `decide` returns one (it sees the time of each request). */
  setFault(decide: ((at: number) => Fault | null) | null) {
    this.fault = decide;
  }

  private answer(req: http.IncomingMessage, raw: string, res: http.ServerResponse) {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST") return reply(404, { message: "not found" });
    const at = Date.now();
    const key = String(req.headers[this.kind === "resend" ? "idempotency-key" : "i-twilio-idempotency-token"] ?? "");
    let to = "";
    try {
      if (this.kind === "twilio") to = new URLSearchParams(raw).get("To") ?? "";
      else {
        const given = (JSON.parse(raw) as { to?: unknown }).to;
        to = Array.isArray(given) ? given.join(",") : typeof given === "string" ? given : "";
      }
    } catch {
      /* recorded with an empty recipient */
    }
    const fault = this.fault?.(at) ?? null;
    if (fault) {
      this.attempts.push({ key, at, status: fault.status, to });
      if (fault.status === 429) {
        return reply(429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, { "retry-after": String(fault.retryAfterSeconds ?? 1) });
      }
      return reply(500, { statusCode: 500, name: "internal_server_error", message: "stand-in fault" });
    }
    const status = this.kind === "resend" ? 200 : 201;
    this.attempts.push({ key, at, status, to });
    const existing = this.created.get(key);
    if (existing && this.kind === "resend") {
      existing.count++; // replayed: Resend answers with the first email's id and sends nothing
      existing.times.push(at);
      return reply(200, { id: existing.id });
    }
    const id = this.kind === "resend" ? `re-${++this.n}` : `SM${String(++this.n).padStart(32, "0")}`;
    if (existing) {
      existing.count++; // Twilio: a second message for the same key
      existing.times.push(at);
    } else this.created.set(key, { id, at, to, count: 1, times: [at] });
    if (this.kind === "resend") return reply(200, { id });
    return reply(201, { sid: id, status: "queued" });
  }

  /** Keys accepted (2xx) more than once: replays for Resend (harmless), second messages for Twilio. */
  repeatedKeys(): string[] {
    return [...this.created.entries()].filter(([, v]) => v.count > 1).map(([k]) => k);
  }
}
