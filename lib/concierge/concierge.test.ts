/**
 * The concierge end to end on the real test database: inbound messages through `handleInboundMessage`, replies
 * through the real messaging channel (captured), registrations through the real registration service. The only
 * stand-ins are at the network edge: a local HTTP server speaking the chat-completions API.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addFaq, addSession, createEvent, publishEvent } from "@/lib/events/service";
import { deliverMessage, queueMessage } from "@/lib/messaging/service";
import { registerForEvent } from "@/lib/registrations/service";
import { zonedToUtc } from "@/lib/time";
import { newOrganization } from "@/tests/api";
import { createStandIn } from "@/tests/stand-in";
import { bestFaq, FAQ_RELEVANCE_THRESHOLD } from "./faq-search";
import { handleInboundMessage, type InboundOptions } from "./inbound";
import { detectIntent } from "./intents";
import { createLlmClient, type LlmClient } from "./llm";
import { createPhoneNumber } from "./phone-numbers";

const NUMBER = "+14155238886";
const TZ = "Europe/Berlin";
const at = (local: string) => zonedToUtc(local, TZ).toISOString();
let organizationId = "";
let eventId = "";
const handedOff: string[] = [];
const send = (id: string) => {
  handedOff.push(id);
  return Promise.resolve();
};

let sids = 0;
let phones = 0;
/** A new attendee phone per test, so conversations never share state. */
const newPhone = () => `+49151000${String(++phones).padStart(4, "0")}`;
async function say(from: string, body: string, options: InboundOptions & { sid?: string; channel?: "sms" | "whatsapp"; to?: string } = {}) {
  const channel = options.channel ?? "whatsapp";
  const prefix = channel === "whatsapp" ? "whatsapp:" : "";
  return handleInboundMessage(
    { messageSid: options.sid ?? `SM${String(++sids).padStart(32, "0")}`, from: `${prefix}${from}`, to: options.to ?? `${prefix}${NUMBER}`, body, channel, receivedAt: new Date() },
    { send, llm: options.llm === undefined ? null : options.llm },
  );
}
async function texts(outcome: { replyMessageIds: string[] }): Promise<string> {
  const rows = await db.outboundMessage.findMany({ where: { id: { in: outcome.replyMessageIds } } });
  return rows.map((r) => r.body).join("\n");
}
const conversationOf = (phone: string, channel: "sms" | "whatsapp" = "whatsapp") => db.conversation.findFirstOrThrow({ where: { phone, channel } });

beforeAll(async () => {
  const { org, caller } = await newOrganization("concierge");
  organizationId = org.id;
  const event = await createEvent(caller, {
    title: "Launch 2026",
    timezone: TZ,
    venue: "Kulturbrauerei, Schönhauser Allee 36, Berlin",
    startsAt: at("2027-01-20T09:00"),
    endsAt: at("2027-01-20T17:00"),
    capacity: 50,
  });
  eventId = event.id;
  await addSession(caller, eventId, { title: "Opening keynote: Events people show up to", speaker: "Maya Okafor", room: "Main hall", startsAt: at("2027-01-20T09:00"), endsAt: at("2027-01-20T10:00"), isKeynote: true });
  await addSession(caller, eventId, { title: "Waitlists that feel fair", speaker: "Jonas Weber", room: "Main hall", startsAt: at("2027-01-20T10:30"), endsAt: at("2027-01-20T11:15") });
  await addSession(caller, eventId, { title: "Lunch", room: "Courtyard", startsAt: at("2027-01-20T12:15"), endsAt: at("2027-01-20T13:30") });
  for (const [question, answer] of [
    ["Is there parking?", "There is no parking at the venue. Take the U2 to Eberswalder Straße; the venue is a 3-minute walk."],
    ["Is there Wi-Fi?", "Yes: network “Launch2026”, password on your badge."],
    ["Can I cancel?", "Yes, from the link in your confirmation email. Your seat goes to the next person on the waitlist."],
    ["Is the venue accessible?", "Yes, step-free access through the courtyard entrance, and an accessible restroom on the ground floor."],
  ] as const) {
    await addFaq(caller, eventId, { question, answer });
  }
  await publishEvent(caller, eventId);
  await createPhoneNumber(caller, { number: `whatsapp:${NUMBER}`, eventId });
});

describe("intent rules", () => {
  it.each([
    ["STOP", "stop"],
    ["Unsubscribe.", "stop"],
    ["stopall", "stop"],
    ["START", "start"],
    ["help!", "help"],
    ["Hi", "help"],
    ["What time is the keynote?", "keynote"],
    ["when is the KEYNOTE", "keynote"],
    ["Where is it?", "venue"],
    ["what's the address", "venue"],
    ["Schedule", "agenda"],
    ["agenda", "agenda"],
    ["When does the event start?", "event_time"],
    ["register", "register"],
    ["Please sign me up!", "register"],
    ["I want to register", "register"],
    ["cancel", "cancel"],
    ["Cancel my registration please", "cancel"],
    ["my ticket", "ticket"],
    ["Can you resend my ticket?", "ticket"],
    ["Can I cancel?", "other"],
    ["Is there parking?", "other"],
  ])("%s → %s", (text, kind) => {
    expect(detectIntent(text).kind).toBe(kind);
  });

  it("reads the subject of a session question", () => {
    expect(detectIntent("When does Waitlists that feel fair start?")).toEqual({ kind: "session_time", subject: "waitlists that feel fair" });
    expect(detectIntent("what time is lunch")).toEqual({ kind: "session_time", subject: "lunch" });
  });
});

describe("schedule answers in the event's time zone", () => {
  it('answers "What time is the keynote?" with the keynote time in Europe/Berlin, stores the thread and replies on the same channel', async () => {
    const phone = newPhone();
    const outcome = await say(phone, "What time is the keynote?");
    expect(outcome.status).toBe("replied");
    expect(outcome.replyMessageIds).toHaveLength(1);
    const reply = await texts(outcome);
    expect(reply).toContain("09:00 CET"); // 08:00 UTC
    expect(reply).not.toContain("08:00");
    expect(reply).toContain("Main hall");
    const [outbound] = await db.outboundMessage.findMany({ where: { id: { in: outcome.replyMessageIds } } });
    expect(outbound).toMatchObject({ organizationId, channel: "whatsapp", to: phone, from: NUMBER, idempotencyKey: expect.stringMatching(/^concierge-SM/) as string });
    expect(handedOff).toContain(outbound!.id);

    const conversation = await conversationOf(phone);
    expect(outcome.conversationId).toBe(conversation.id);
    expect(conversation).toMatchObject({ organizationId, eventId, ourNumber: NUMBER, needsHuman: false, optedOut: false });
    const thread = await db.conversationMessage.findMany({ where: { conversationId: conversation.id }, orderBy: { createdAt: "asc" } });
    expect(thread.map((m) => [m.direction, m.intent])).toEqual([["inbound", "schedule"], ["outbound", null]]);
    expect(thread[1]!.outboundMessageId).toBe(outbound!.id);
  });

  it("answers SMS to the bare number too (one mapping for both channels)", async () => {
    const phone = newPhone();
    const outcome = await say(phone, "what time is the keynote", { channel: "sms" });
    expect(outcome.status).toBe("replied");
    expect(await texts(outcome)).toContain("09:00 CET");
    expect((await conversationOf(phone, "sms")).channel).toBe("sms");
  });

  it("answers session times, the venue, the event's times and the agenda", async () => {
    const phone = newPhone();
    expect(await texts(await say(phone, "When does Waitlists that feel fair start?"))).toMatch(/Waitlists that feel fair.*10:30 CET/);
    expect(await texts(await say(phone, "what time is lunch"))).toMatch(/Lunch.*12:15 CET.*Courtyard/);
    expect(await texts(await say(phone, "Where is it?"))).toContain("Kulturbrauerei");
    expect(await texts(await say(phone, "WHEN IS IT??"))).toContain("09:00–17:00 CET");
    const agenda = await texts(await say(phone, "schedule"));
    expect(agenda).toContain("09:00 Opening keynote");
    expect(agenda).toContain("10:30 Waitlists that feel fair");
    expect(await texts(await say(phone, "help"))).toContain("REGISTER");
  });
});

describe("FAQ answers by full-text search", () => {
  it("answers a question that matches an FAQ above the threshold", async () => {
    const outcome = await say(newPhone(), "where can I park my car?");
    expect(outcome.status).toBe("replied");
    expect(await texts(outcome)).toContain("U2 to Eberswalder Straße");
  });

  it("does not answer from a weak match below the threshold: a person is asked instead", async () => {
    const phone = newPhone();
    const outcome = await say(phone, "Can I bring my dog to the courtyard?");
    // "courtyard" is one word of one answer (weight B), one of three words of the message.
    const match = await bestFaq(organizationId, eventId, "Can I bring my dog to the courtyard?", 0);
    expect(match!.rank).toBeGreaterThan(0);
    expect(match!.rank).toBeLessThan(FAQ_RELEVANCE_THRESHOLD);
    expect(outcome.status).toBe("needs_human");
    expect(await texts(outcome)).toContain("passed it to the Launch 2026 team");
    expect(await conversationOf(phone)).toMatchObject({ needsHuman: true, needsHumanReason: "no_answer" });
  });
});

describe("register, ticket and cancel (multi-turn, state on the conversation)", () => {
  it("asks for the name, then the email, then registers with source whatsapp and the phone", async () => {
    const phone = newPhone();
    const first = await say(phone, "Register");
    expect(await texts(first)).toContain("What's your full name?");
    expect((await conversationOf(phone)).state).toBe("register_name");

    expect(await texts(await say(phone, "Ada Lovelace"))).toContain("What email address");
    expect(await conversationOf(phone)).toMatchObject({ state: "register_email", stateData: { name: "Ada Lovelace" } });

    expect(await texts(await say(phone, "not an email"))).toContain("doesn't look like an email");
    const done = await say(phone, "It's Ada@Example.test");
    expect(done.status).toBe("replied");
    const registration = await db.registration.findFirstOrThrow({ where: { eventId, phone } });
    expect(registration).toMatchObject({ name: "Ada Lovelace", email: "ada@example.test", phone, source: "whatsapp", status: "confirmed" });
    expect(await texts(done)).toContain(`/t/${registration.ticketToken}`);
    expect((await conversationOf(phone)).state).toBe("idle");

    expect(await texts(await say(phone, "my ticket"))).toContain(`/t/${registration.ticketToken}`);
    expect(await texts(await say(phone, "register"))).toContain("You're registered");
    expect(await db.registration.count({ where: { eventId, phone } })).toBe(1);
  });

  it("registers by SMS with source sms, and stops when asked", async () => {
    const phone = newPhone();
    await say(phone, "sign me up", { channel: "sms" });
    expect(await texts(await say(phone, "cancel", { channel: "sms" }))).toContain("stopped the registration");
    expect((await conversationOf(phone, "sms")).state).toBe("idle");
    await say(phone, "register", { channel: "sms" });
    await say(phone, "Grace Hopper", { channel: "sms" });
    await say(phone, "grace@example.test", { channel: "sms" });
    expect(await db.registration.findFirstOrThrow({ where: { eventId, phone } })).toMatchObject({ source: "sms", status: "confirmed" });
  });

  it("never hands out the ticket of someone else's registration with the same email", async () => {
    const victim = await registerForEvent(eventId, { name: "Web Person", email: "web.person@example.test" }, "web");
    const phone = newPhone();
    await say(phone, "register");
    await say(phone, "Mallory");
    const outcome = await say(phone, "web.person@example.test");
    const reply = await texts(outcome);
    expect(reply).toContain("already registered");
    expect(reply).not.toContain(victim.registration.ticketToken);
  });

  it("asks to confirm a cancellation: NO keeps it, YES cancels the registration of this phone", async () => {
    const phone = newPhone();
    const { registration } = await registerForEvent(eventId, { name: "Linus", email: "linus@example.test", phone }, "web");
    expect(await texts(await say(phone, "cancel"))).toContain("Reply YES to cancel");
    expect((await conversationOf(phone)).state).toBe("cancel_confirm");
    expect(await texts(await say(phone, "No"))).toContain("stays");
    expect((await db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("confirmed");

    await say(phone, "I want to cancel");
    const yes = await say(phone, "yes!");
    expect(await texts(yes)).toContain("is cancelled");
    expect((await db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("cancelled");
    expect(await texts(await say(phone, "cancel"))).toContain("nothing to cancel");
    expect(await texts(await say(phone, "ticket"))).toContain("can't find a registration");
  });

  it("leaves the confirmation when the next message is something else, and answers it", async () => {
    const phone = newPhone();
    await registerForEvent(eventId, { name: "Margaret", email: "margaret@example.test", phone }, "web");
    await say(phone, "cancel");
    expect(await texts(await say(phone, "What time is the keynote?"))).toContain("09:00 CET");
    expect((await conversationOf(phone)).state).toBe("idle");
  });
});

describe("opt-out", () => {
  it("STOP opts out: no reply, nothing answered afterwards, and the channel refuses to send; START re-subscribes", async () => {
    const phone = newPhone();
    await say(phone, "hi");
    const stop = await say(phone, "STOP");
    expect(stop).toMatchObject({ status: "opted_out", replyMessageIds: [] });
    expect(await conversationOf(phone)).toMatchObject({ optedOut: true });

    const after = await say(phone, "What time is the keynote?");
    expect(after).toMatchObject({ status: "opted_out", replyMessageIds: [] });
    expect(await db.conversationMessage.count({ where: { conversation: { phone }, direction: "inbound" } })).toBe(3); // still stored

    // Anything else that tries to message the number (a reminder, a manual reply) ends failed, captured mode included.
    const queued = await queueMessage({ organizationId, channel: "whatsapp", to: phone, body: "Reminder!", idempotencyKey: `stop-test-${phone}` }, send);
    expect(await deliverMessage(queued.id, "k", { kind: "captured" })).toMatchObject({ status: "failed", lastError: expect.stringMatching(/^opted_out/) as string });

    const start = await say(phone, "START");
    expect(start.status).toBe("replied");
    expect(await texts(start)).toContain("subscribed again");
    expect(await conversationOf(phone)).toMatchObject({ optedOut: false });
    const again = await queueMessage({ organizationId, channel: "whatsapp", to: phone, body: "Reminder!", idempotencyKey: `start-test-${phone}` }, send);
    expect((await deliverMessage(again.id, "k", { kind: "captured" })).status).toBe("captured");
  });
});

describe("idempotency and faults", () => {
  it("processes a MessageSid once: one inbound row, one reply, one hand-off", async () => {
    const phone = newPhone();
    const first = await say(phone, "Where is it?", { sid: "SMduplicate000000000000000000000001" });
    const handOffs = handedOff.length;
    const second = await say(phone, "Where is it?", { sid: "SMduplicate000000000000000000000001" });
    expect(first.status).toBe("replied");
    expect(first.organizationId).toMatch(/^org_/);
    expect(second).toEqual({ status: "duplicate", conversationId: first.conversationId, organizationId: first.organizationId, replyMessageIds: first.replyMessageIds });
    expect(handedOff.length).toBe(handOffs);
    expect(await db.conversationMessage.count({ where: { messageSid: "SMduplicate000000000000000000000001" } })).toBe(1);
    expect(await db.outboundMessage.count({ where: { to: phone } })).toBe(1);
  });

  it("stores and flags a message to an unmapped number and replies nothing", async () => {
    const outcome = await say(newPhone(), "hello?", { to: "whatsapp:+15005550199", sid: "SMunmapped00000000000000000000000001" });
    expect(outcome).toEqual({ status: "unmapped", conversationId: null, organizationId: null, replyMessageIds: [] });
    expect(await db.conversationMessage.findUniqueOrThrow({ where: { messageSid: "SMunmapped00000000000000000000000001" } })).toMatchObject({ flag: "unmapped", organizationId: null, conversationId: null, to: "+15005550199" });
    expect(await db.outboundMessage.count({ where: { to: "+15005550199" } })).toBe(0);
    expect((await say(newPhone(), "hello?", { to: "+15005550199", sid: "SMunmapped00000000000000000000000001" })).status).toBe("duplicate");
  });

  it("settles a message all at once: a crash while settling leaves it unhandled, and the retry sends the reply once", async () => {
    const phone = newPhone();
    await say(phone, "register");
    await say(phone, "Barbara Liskov");
    const before = await conversationOf(phone);
    // The database refuses outbound rows: the statement that commits the decision and queues its reply fails.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION concierge_test_crash() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER concierge_test_crash BEFORE INSERT ON outbound_messages FOR EACH ROW EXECUTE FUNCTION concierge_test_crash()`);
    try {
      await expect(say(phone, "barbara@example.test", { sid: "SMcrash0000000000000000000000000001" })).rejects.toThrow(/simulated crash/);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER concierge_test_crash ON outbound_messages`);
    }
    // Stored, not handled; the conversation did not move (the registration itself is idempotent and stays).
    expect(await db.conversationMessage.findUniqueOrThrow({ where: { messageSid: "SMcrash0000000000000000000000000001" } })).toMatchObject({ handledAt: null, replies: null });
    expect(await conversationOf(phone)).toMatchObject({ version: before.version, state: "register_email" });
    expect(await db.registration.count({ where: { eventId, phone } })).toBe(1);
    const retry = await say(phone, "barbara@example.test", { sid: "SMcrash0000000000000000000000000001" });
    expect(retry.status).toBe("replied");
    expect(await texts(retry)).toContain("You're registered");
    expect((await say(phone, "barbara@example.test", { sid: "SMcrash0000000000000000000000000001" })).status).toBe("duplicate");
    expect(await db.outboundMessage.count({ where: { to: phone, body: { contains: "You're registered" } } })).toBe(1);
    expect(await db.registration.count({ where: { eventId, phone } })).toBe(1);
    expect(await conversationOf(phone)).toMatchObject({ version: before.version + 1, state: "idle" });
  });

  it("queues the replies of a message handled without them (an earlier version's crash window) once, in the thread", async () => {
    const phone = newPhone();
    const first = await say(phone, "Where is it?");
    const sid = "SMlegacy000000000000000000000000001";
    await db.conversationMessage.create({
      data: { id: `cmg_legacy${phones}`.padEnd(26, "0"), organizationId, conversationId: first.conversationId, direction: "inbound", channel: "whatsapp", from: phone, to: NUMBER, body: "When is the keynote?", messageSid: sid, intent: "schedule", handledAt: new Date(), replies: { status: "replied", texts: ["The keynote is at nine."] } },
    });
    const retry = await say(phone, "When is the keynote?", { sid });
    expect(retry).toMatchObject({ status: "replied", conversationId: first.conversationId });
    expect(await texts(retry)).toBe("The keynote is at nine.");
    expect((await say(phone, "When is the keynote?", { sid })).replyMessageIds).toEqual(retry.replyMessageIds);
    expect(await db.conversationMessage.count({ where: { conversationId: first.conversationId, direction: "outbound", body: "The keynote is at nine." } })).toBe(1);
  });

  it("handles messages of one attendee that arrive at once: each answered once, the state moved once per message", async () => {
    const phone = newPhone();
    await say(phone, "hi");
    const { version } = await conversationOf(phone);
    const bodies = ["Where is it?", "What time is the keynote?", "When does it start?", "help"];
    const outcomes = await Promise.all(bodies.map((body) => say(phone, body)));
    expect(outcomes.map((o) => o.status)).toEqual(["replied", "replied", "replied", "replied"]);
    expect(outcomes.map((o) => o.replyMessageIds.length)).toEqual([1, 1, 1, 1]);
    expect(await conversationOf(phone)).toMatchObject({ version: version + bodies.length });
    expect(await db.conversationMessage.count({ where: { conversation: { phone }, direction: "outbound" } })).toBe(bodies.length + 1);

    // The same MessageSid eight times at once: stored once, answered once.
    const sid = `SMsame${String(phones).padStart(30, "0")}`;
    const same = await Promise.all(Array.from({ length: 8 }, () => say(phone, "Where is it?", { sid })));
    expect(new Set(same.map((o) => o.replyMessageIds.join()))).toEqual(new Set([same[0]!.replyMessageIds.join()]));
    expect(same.filter((o) => o.status === "replied")).toHaveLength(1);
    expect(await db.conversationMessage.count({ where: { messageSid: sid } })).toBe(1);
    expect(await db.outboundMessage.count({ where: { idempotencyKey: { startsWith: `concierge-${sid}-` } } })).toBe(1);
    expect(await conversationOf(phone)).toMatchObject({ version: version + bodies.length + 1 });
  });

  it("decides each of two messages at once from the state the other left: the second answer sees the first", async () => {
    const phone = newPhone();
    await say(phone, "register");
    const { version } = await conversationOf(phone);
    const outcomes = await Promise.all([say(phone, "Ada Lovelace"), say(phone, "Grace Hopper")]);
    const replies = await Promise.all(outcomes.map(texts));
    // One name is taken (the flow asks for the email); the other message then reads as a wrong email address.
    expect(replies.filter((text) => /^Thanks, (Ada Lovelace|Grace Hopper)! What email/.test(text))).toHaveLength(1);
    expect(replies.filter((text) => text.startsWith("That doesn't look like an email address"))).toHaveLength(1);
    expect(await conversationOf(phone)).toMatchObject({ version: version + 2, state: "register_email" });
  });
});

describe("LLM answers (a local stand-in of the chat-completions API)", () => {
  const standIn = createStandIn(() => ({ status: 200, body: { id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "Yes, there is a vegetarian lunch in the Courtyard at 12:15." }, finish_reason: "stop" }] } }));
  let slow: http.Server;
  let slowUrl = "";
  beforeAll(async () => {
    await standIn.start();
    slow = http.createServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: "too late" } }] }));
      }, 1_000);
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await standIn.stop();
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  });
  const llm = (overrides: Partial<Parameters<typeof createLlmClient>[0]> = {}): LlmClient => createLlmClient({ baseUrl: standIn.url, apiKey: "sk-test-123", model: "test-model", ...overrides });

  it("answers what rules and FAQs do not, grounded on the event's data in its time zone", async () => {
    standIn.reset();
    const phone = newPhone();
    const outcome = await say(phone, "Is the food vegetarian?", { llm: llm() });
    expect(outcome.status).toBe("replied");
    expect(await texts(outcome)).toBe("Yes, there is a vegetarian lunch in the Courtyard at 12:15.");
    expect(standIn.requests).toHaveLength(1);
    const request = standIn.requests[0]!;
    expect(request.path).toBe("/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test-123");
    const body = JSON.parse(request.raw) as { model: string; messages: { role: string; content: string }[] };
    expect(body.model).toBe("test-model");
    expect(body.messages[0]!.role).toBe("system");
    for (const fact of ["Launch 2026", "Europe/Berlin", "09:00 CET", "Kulturbrauerei", "Waitlists that feel fair", "Is there parking?"]) expect(body.messages[0]!.content).toContain(fact);
    expect(body.messages[1]).toEqual({ role: "user", content: "Is the food vegetarian?" });
    expect((await db.conversationMessage.findFirstOrThrow({ where: { conversation: { phone }, direction: "inbound" } })).intent).toBe("llm");
    expect((await conversationOf(phone)).needsHuman).toBe(false);
  });

  it("hands over to a person when the model says the facts do not answer", async () => {
    standIn.reset();
    standIn.script.push({ status: 200, body: { choices: [{ message: { role: "assistant", content: "HANDOFF" } }] } });
    const phone = newPhone();
    const outcome = await say(phone, "Can I bring my kids?", { llm: llm() });
    expect(outcome.status).toBe("needs_human");
    expect(await texts(outcome)).not.toContain("HANDOFF");
    expect(await conversationOf(phone)).toMatchObject({ needsHuman: true, needsHumanReason: "llm_handoff" });
  });

  it("falls back politely and flags the conversation when the LLM times out", async () => {
    const phone = newPhone();
    const started = Date.now();
    const outcome = await say(phone, "Is the food vegetarian?", { llm: createLlmClient({ baseUrl: slowUrl, apiKey: "sk-test", model: "m", timeoutMs: 200 }) });
    expect(Date.now() - started).toBeLessThan(900);
    expect(outcome.status).toBe("needs_human");
    expect(await texts(outcome)).toContain("Someone will reply here soon");
    expect(await conversationOf(phone)).toMatchObject({ needsHuman: true, needsHumanReason: "llm_timeout" });
  });

  it("opens the circuit breaker after repeated failures: further questions fall back without calling the LLM", async () => {
    standIn.reset();
    const failing = createStandIn(() => ({ status: 500, body: { error: { message: "overloaded" } } }));
    await failing.start();
    try {
      const client = createLlmClient({ baseUrl: failing.url, apiKey: "sk-test", model: "m", failureThreshold: 3, openMs: 60_000 });
      const phone = newPhone();
      for (let i = 0; i < 3; i++) expect((await say(phone, `Is the food vegetarian? (${i})`, { llm: client })).status).toBe("needs_human");
      expect(failing.requests).toHaveLength(3);
      expect((await conversationOf(phone)).needsHumanReason).toBe("llm_error");
      const open = await say(phone, "Is the food vegan?", { llm: client });
      expect(open.status).toBe("needs_human");
      expect(failing.requests).toHaveLength(3); // not called
      expect((await conversationOf(phone)).needsHumanReason).toBe("llm_breaker_open");
    } finally {
      await failing.stop();
    }
  });
});
