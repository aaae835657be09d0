/**
 * A stand-in for Twilio delivering inbound messages: correctly signed webhooks (the algorithm of
 * lib/webhooks/providers/twilio.ts: base64 HMAC-SHA1 of the public URL + the sorted parameters, keyed by the auth
 * token), each a new MessageSid from a new number, started at a fixed rate (open loop: a provider does not wait for
 * us). A delivery that is not acknowledged (no answer, connection refused or reset, any non-2xx, no answer within
 * Twilio's 15 s) is delivered again with backoff, the same MessageSid and signature, until acknowledged or the
 * deadline passes — every attempt is counted.
 */
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import { sleep } from "./harness";

export function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join("");
  return createHmac("sha1", token).update(data, "utf8").digest("base64");
}

export type Delivery = { sid: string; from: string; attempts: number; statuses: number[]; acknowledged: boolean; firstAt: number; firstAnswerMs: number };

export class TwilioSender {
  readonly deliveries = new Map<string, Delivery>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly run = randomBytes(4).toString("hex");
  private pending: Promise<void>[] = [];
  private n = 0;
  private numberBase: number;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly to: string,
    private readonly options: { retryUntil: () => number; body?: string; numberBase?: number },
  ) {
    this.numberBase = options.numberBase ?? 1_000_000;
  }

  /** Starts `rate` deliveries per second for `seconds`; resolves when the last one was started. */
  async openLoop(rate: number, seconds: number, stop: () => boolean = () => false): Promise<void> {
    const began = Date.now();
    const total = Math.round(rate * seconds);
    for (let i = 0; i < total && !stop(); i++) {
      const due = began + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      this.pending.push(this.deliver());
    }
  }

  /** Waits until every delivery was acknowledged or gave up. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async deliver(): Promise<void> {
    const n = this.n++;
    const sid = `SM${this.run}${String(n).padStart(24, "0")}`;
    const from = `+1555${String(this.numberBase + n).padStart(7, "0")}`;
    const params = { MessageSid: sid, SmsMessageSid: sid, AccountSid: "AC00000000000000000000000000000000", From: from, To: this.to, Body: this.options.body ?? "What time is the keynote?", NumMedia: "0", SmsStatus: "received" };
    const body = new URLSearchParams(params).toString();
    const headers = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(this.token, this.url, params), "content-length": String(Buffer.byteLength(body)) };
    const delivery: Delivery = { sid, from, attempts: 0, statuses: [], acknowledged: false, firstAt: Date.now(), firstAnswerMs: NaN };
    this.deliveries.set(sid, delivery);
    for (let attempt = 0; ; attempt++) {
      delivery.attempts++;
      const status = await post(this.agent, this.url, headers, body);
      delivery.statuses.push(status);
      if (attempt === 0) delivery.firstAnswerMs = Date.now() - delivery.firstAt;
      if (status >= 200 && status < 300) {
        delivery.acknowledged = true;
        return;
      }
      if (Date.now() > this.options.retryUntil()) return;
      await sleep(Math.min(5_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2));
    }
  }

  close() {
    this.agent.destroy();
  }

  summary() {
    const all = [...this.deliveries.values()];
    const statuses: Record<string, number> = {};
    for (const d of all) for (const s of d.statuses) statuses[s === 0 ? "no answer" : String(s)] = (statuses[s === 0 ? "no answer" : String(s)] ?? 0) + 1;
    return {
      sent: all.length,
      requests: all.reduce((n, d) => n + d.attempts, 0),
      acknowledged: all.filter((d) => d.acknowledged).length,
      acknowledgedFirstTime: all.filter((d) => d.acknowledged && d.attempts === 1).length,
      resent: all.filter((d) => d.attempts > 1).length,
      neverAcknowledged: all.filter((d) => !d.acknowledged).length,
      statuses,
    };
  }
}

/** One POST; the status, or 0 when there was no HTTP answer (refused, reset, 15 s timeout). */
export function post(agent: http.Agent, target: string, headers: Record<string, string>, body: string, timeoutMs = 15_000): Promise<number> {
  const url = new URL(target);
  return new Promise<number>((resolve) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: "POST", headers, agent, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", () => resolve(0));
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve(0));
    request.end(body);
  });
}
