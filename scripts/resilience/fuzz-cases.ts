/**
 * Malformed requests for the fuzz scenario, generated from the OpenAPI document (every operation of /api/v1) and for
 * the webhook routes. Deterministic (a seeded PRNG), so a failing case can be reproduced by its index.
 *
 * For each operation: a valid-looking body sampled from its JSON Schema, then that body with each field missing, each
 * field of each wrong type, huge strings, extra and prototype-polluting keys; bodies that are not JSON, JSON that is
 * not an object, wrong content types, no content type, over-size bodies; path ids that are malformed, foreign or
 * unknown; query parameters of the wrong type or range, repeated, huge; odd Idempotency-Keys.
 */
import { createHmac, randomBytes } from "node:crypto";
import { twilioSignature } from "./twilio-load";

export type FuzzCase = { method: string; path: string; headers: Record<string, string>; body?: string | Buffer; label: string };
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; const?: unknown; format?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; pattern?: string; default?: unknown; minItems?: number };
type Operation = { parameters?: { name: string; in: string; required?: boolean; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } };
export type OpenApi = { paths: Record<string, Record<string, Operation>> };

/** mulberry32: small, seeded, good enough to pick cases. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUGE = "x".repeat(200_000);
const LONG = "y".repeat(5_000);
const WEIRD_STRINGS = ["", " ", "\u0000", "\u0000abc", "💥".repeat(50), "\ud800", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "null", "NaN", "-1", "1e309", "2026-13-45T25:61:00Z", "+999999999999999999", "a@", LONG];
const WRONG_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, "", "text", [], [1, 2], {}, { nested: { deep: [null] } }, HUGE, ...WEIRD_STRINGS];

function sample(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return sample(alternatives.find((s) => s.type !== "null") ?? alternatives[0], depth + 1);
  if (schema.allOf?.length) return sample(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "date-time") return new Date(Date.now() + 86_400_000 * 40).toISOString();
      if (schema.format === "email") return `fuzz-${randomBytes(4).toString("hex")}@resilience.test`;
      if (schema.format === "uri") return "https://example.com/x";
      return "fuzz".padEnd(Math.max(4, schema.minLength ?? 0), "z").slice(0, schema.maxLength ?? 100);
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items, depth + 1));
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(name) || depth === 0) out[name] = sample(property, depth + 1);
      }
      return out;
    }
    default:
      return "fuzz";
  }
}

const ID_PREFIXES: Record<string, string> = { eventId: "evt", registrationId: "reg", keyId: "key", conversationId: "cnv", faqId: "faq", questionId: "qst", sessionId: "ses", invitationId: "inv", runId: "run", userId: "usr", phoneNumberId: "pnm", shopifyProductId: "shp", webhookEventId: "whk" };
const randomId = (prefix: string) => `${prefix}_${randomBytes(16).toString("base64url").slice(0, 22)}`;
const BAD_IDS = ["x", "0", "-1", "evt_", "evt_short", "EVT_AAAAAAAAAAAAAAAAAAAAAA", "%00", "%2e%2e%2f%2e%2e", "%ZZ", "a%20b", encodeURIComponent("' OR 1=1 --"), encodeURIComponent("💥"), "A".repeat(3_000), "null", "undefined", "__proto__", "constructor"];
const BAD_QUERY_VALUES = ["-1", "0", "1e10", "abc", "", "%00", "99999999999999999999999", encodeURIComponent(LONG), "true", "[]", "{}", encodeURIComponent("' OR 1=1 --"), "2026-99-99"];
const BAD_JSON = ["{", '{"a":', "nul", "[1,2", "{'single':'quotes'}", '{"a":1,}', "\ufeff{}", "undefined", '{"a":1}{"b":2}', "[".repeat(50_000) + "]".repeat(50_000), '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', "1".repeat(10_000), '"just a string"', "123", "null", "true", "[]", '{"a":"\\ud800"}', "\u0000"];

export function apiCases(doc: OpenApi, apiKey: string, realIds: Record<string, string>, seed = 8): FuzzCase[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const cases: FuzzCase[] = [];
  const auth = { authorization: `Bearer ${apiKey}` };
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const M = method.toUpperCase();
      const pathParams = (operation.parameters ?? []).filter((p) => p.in === "path");
      const query = (operation.parameters ?? []).filter((p) => p.in === "query");
      const bodySchema = operation.requestBody?.content["application/json"]?.schema;
      const realPath = () => template.replace(/\{(\w+)\}/g, (_m, name: string) => realIds[name] ?? randomId(ID_PREFIXES[name] ?? "xxx"));
      const label = `${M} ${template}`;
      const add = (c: Omit<FuzzCase, "headers" | "method"> & { headers?: Record<string, string> }) => cases.push({ method: M, headers: { ...auth, ...c.headers }, path: c.path, body: c.body, label: `${label}: ${c.label}` });

      // Path ids: malformed, unknown.
      for (const p of pathParams) {
        for (const bad of BAD_IDS) add({ path: template.replace(`{${p.name}}`, bad).replace(/\{(\w+)\}/g, (_m, n: string) => realIds[n] ?? randomId(ID_PREFIXES[n] ?? "xxx")), label: `path ${p.name}=${bad.slice(0, 30)}`, body: bodySchema ? JSON.stringify(sample(bodySchema)) : undefined, headers: bodySchema ? { "content-type": "application/json" } : {} });
        add({ path: template.replace(/\{(\w+)\}/g, (_m, n: string) => randomId(ID_PREFIXES[n] ?? "xxx")), label: `unknown ${p.name}`, body: bodySchema ? JSON.stringify(sample(bodySchema)) : undefined, headers: bodySchema ? { "content-type": "application/json" } : {} });
      }
      // Query parameters: each with each bad value, repeated, unknown ones.
      for (const q of query) {
        for (const bad of BAD_QUERY_VALUES) add({ path: `${realPath()}?${q.name}=${bad}`, label: `query ${q.name}=${bad.slice(0, 30)}` });
        add({ path: `${realPath()}?${q.name}=1&${q.name}=2`, label: `query ${q.name} repeated` });
      }
      if (M === "GET") {
        add({ path: `${realPath()}?unknown=1&limit=abc&cursor=${encodeURIComponent(randomBytes(40).toString("base64"))}`, label: "query unknown + bad cursor" });
        add({ path: `${realPath()}?cursor=${encodeURIComponent(Buffer.from('{"id":1,"createdAt":"x"}').toString("base64url"))}`, label: "query forged cursor" });
      }
      if (!bodySchema) {
        // A body where none belongs.
        add({ path: realPath(), body: "{not json", headers: { "content-type": "application/json" }, label: "unexpected bad body" });
        continue;
      }
      const valid = sample(bodySchema) as Record<string, unknown>;
      const json = (value: unknown, what: string, extra: Record<string, string> = {}) => add({ path: realPath(), body: JSON.stringify(value), headers: { "content-type": "application/json", ...extra }, label: what });
      // Not JSON, not an object, wrong content types.
      for (const bad of BAD_JSON) add({ path: realPath(), body: bad, headers: { "content-type": "application/json" }, label: `bad json ${bad.slice(0, 20)}` });
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1", "application/jsonx", "*/*"]) {
        add({ path: realPath(), body: type.startsWith("application/x-www") ? "a=1&b=2" : JSON.stringify(valid), headers: { "content-type": type }, label: `content-type ${type}` });
      }
      add({ path: realPath(), body: JSON.stringify(valid), headers: {}, label: "no content-type" });
      add({ path: realPath(), body: Buffer.alloc(1_100_000, 0x61), headers: { "content-type": "application/json" }, label: "over 1 MB" });
      add({ path: realPath(), body: JSON.stringify({ ...valid, padding: "p".repeat(1_050_000) }), headers: { "content-type": "application/json" }, label: "over 1 MB JSON" });
      add({ path: realPath(), body: randomBytes(2_000), headers: { "content-type": "application/json" }, label: "random bytes" });
      // Missing fields, wrong types, huge and weird strings.
      const properties = Object.keys(bodySchema.properties ?? {});
      json({}, "empty object");
      for (const name of properties) {
        const { [name]: _dropped, ...without } = valid;
        json(without, `missing ${name}`);
        for (const wrong of WRONG_VALUES) json({ ...valid, [name]: wrong }, `${name}=${JSON.stringify(wrong)?.slice(0, 30)}`);
      }
      json({ ...valid, unexpectedField: { a: [1, { b: null }] }, ["__proto__"]: { polluted: true } }, "extra + __proto__ keys");
      json([valid], "array instead of object");
      json(valid, "odd idempotency key", { "idempotency-key": pick(["", " ", "k".repeat(300), "\u00e9t\u00e9", "' OR 1=1 --"]).replace(/[^\x20-\x7e]/g, "?") });
      json(valid, "idempotency key at the limit", { "idempotency-key": `fuzz-${randomBytes(8).toString("hex")}`.padEnd(255, "k") });
    }
  }
  return cases;
}

const svixSign = (secret: string, id: string, timestamp: string, body: string) =>
  `v1,${createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64")).update(`${id}.${timestamp}.${body}`).digest("base64")}`;

/** Malformed deliveries to the webhook routes: unsigned, badly signed, stale, oversize, and signed garbage. */
export function webhookCases(secrets: { twilio: string; clerk: string; resend: string; shopify: string }, appUrl: string, count: number, seed = 9): FuzzCase[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const garbageBodies = [...BAD_JSON.filter((b) => b.length < 100_000), "a=1&b=2", "MessageSid=&Body=", randomBytes(300).toString("binary"), "x".repeat(1_100_000), HUGE, "{}", '{"type":123}', '{"type":"user.created","data":null}', '{"type":"user.created","data":{"id":[],"email_addresses":"x"}}', '{"type":"user.deleted","data":{"id":null}}', '{"type":"email.delivered","data":{"email_id":{"x":1}}}', '{"type":"email.bounced","data":[]}', '{"id":1,"line_items":"x","email":[]}', '{"admin_graphql_api_id":5,"line_items":[{"sku":{},"quantity":"many"}],"customer":7}', '{"admin_graphql_api_id":"gid://shopify/Order/1","line_items":[null,1,"x"]}'];
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const provider = pick(["twilio", "clerk", "resend", "shopify"] as const);
    const path = `/api/webhooks/${provider}`;
    const kind = pick(["unsigned", "bad-signature", "signed-garbage", "wrong-content-type", "oversize", "stale", "signed-odd-fields"] as const);
    let body: string = pick(garbageBodies);
    const headers: Record<string, string> = { "content-type": provider === "twilio" ? "application/x-www-form-urlencoded" : "application/json" };
    if (kind === "wrong-content-type") headers["content-type"] = pick(["text/plain", "application/xml", "multipart/form-data; boundary=zz", "application/octet-stream"]);
    if (kind === "oversize") body = "z".repeat(1_100_000 + Math.floor(random() * 1000));
    const signed = kind === "signed-garbage" || kind === "signed-odd-fields" || kind === "wrong-content-type";
    if (provider === "twilio") {
      if (kind === "signed-odd-fields") {
        const params: Record<string, string> = { MessageSid: `SMfuzz${randomBytes(12).toString("hex")}`, From: pick(["", "abc", "+1", "whatsapp:", "+15550000000", LONG]), To: pick(["", "+0", "+14155238886", "whatsapp:+14155238886", LONG]), Body: pick(["", "register", "cancel", "stop", "help", "\u0000", "💥".repeat(400), HUGE.slice(0, 100_000)]), NumMedia: pick(["-1", "abc", "99"]), MessageStatus: pick(["", "received", "delivered", "weird", "failed"]) };
        body = new URLSearchParams(params).toString();
        headers["x-twilio-signature"] = twilioSignature(secrets.twilio, `${appUrl}${path}`, params);
      } else if (signed) {
        headers["x-twilio-signature"] = twilioSignature(secrets.twilio, `${appUrl}${path}`, Object.fromEntries(new URLSearchParams(body)));
      } else if (kind !== "unsigned") headers["x-twilio-signature"] = pick(["", "abc", "=".repeat(28), randomBytes(20).toString("base64"), LONG]);
    } else if (provider === "shopify") {
      headers["x-shopify-topic"] = pick(["orders/create", "orders/cancelled", "orders/paid", "", LONG.slice(0, 500)]);
      headers["x-shopify-webhook-id"] = pick([`fuzz-${randomBytes(8).toString("hex")}`, "", LONG.slice(0, 2000)]);
      if (kind === "signed-odd-fields") body = JSON.stringify({ admin_graphql_api_id: pick(["gid://shopify/Order/1", 1, null, "x"]), email: pick(["a@b.c", 5, null, LONG]), line_items: pick([[], [{ sku: "CONF-1", quantity: -5 }], [{ sku: null }], "x", null]), customer: pick([null, {}, { email: [] }, "x"]) });
      if (signed) headers["x-shopify-hmac-sha256"] = createHmac("sha256", secrets.shopify).update(body, "utf8").digest("base64");
      else if (kind !== "unsigned") headers["x-shopify-hmac-sha256"] = pick(["", "abc", randomBytes(32).toString("base64"), LONG]);
    } else {
      const secret = provider === "clerk" ? secrets.clerk : secrets.resend;
      const id = pick([`msg_fuzz${randomBytes(8).toString("hex")}`, "", LONG.slice(0, 1000)]);
      const now = Math.floor(Date.now() / 1000);
      const timestamp = kind === "stale" ? pick([String(now - 3600), String(now + 3600), "abc", "-1", "1e20", ""]) : String(now);
      if (kind === "signed-odd-fields") body = JSON.stringify({ type: pick(["user.created", "user.updated", "user.deleted", "email.delivered", "email.bounced", "email.complained", "email.failed", "x"]), data: pick([null, {}, [], { id: 5, email_id: [], email_addresses: [{ email_address: null }], to: "x" }, "x"]) });
      if (kind !== "unsigned") {
        headers["svix-id"] = id;
        headers["svix-timestamp"] = timestamp;
        headers["svix-signature"] = signed || kind === "stale" ? svixSign(secret, id, timestamp, body) : pick(["", "v1,", "v1,abc", "v2,abc", "garbage", `v1,${randomBytes(32).toString("base64")}`, LONG]);
      }
    }
    cases.push({ method: "POST", path, headers, body, label: `webhook ${provider} ${kind}` });
  }
  return cases;
}
