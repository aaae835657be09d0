/** The concierge's /api/v1 routes through the real route wrapper, services and database. */
import { describe, expect, it } from "vitest";
import { conversationMessageSchema, conversationSchema, phoneNumberSchema } from "@/lib/concierge/api-schemas";
import { handleInboundMessage } from "@/lib/concierge/inbound";
import { db } from "@/lib/db";
import { createEvent, publishEvent } from "@/lib/events/service";
import { addMember, call, headersFor, newOrganization } from "@/tests/api";
import * as phoneNumber from "../phone-numbers/[phoneNumberId]/route";
import * as phoneNumbers from "../phone-numbers/route";
import * as messages from "./[conversationId]/messages/route";
import * as resolve from "./[conversationId]/resolve/route";
import * as conversation from "./[conversationId]/route";
import * as conversations from "./route";

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
let sids = 0;
const inbound = (to: string, from: string, body: string) =>
  handleInboundMessage(
    { messageSid: `SMapi${String(++sids).padStart(29, "0")}`, from: `whatsapp:${from}`, to: `whatsapp:${to}`, body, channel: "whatsapp", receivedAt: new Date() },
    { send: () => Promise.resolve(), llm: null },
  );

describe("phone numbers and conversations over /api/v1", () => {
  it("maps a number, answers on it, lists and filters conversations, shows the thread, replies by hand and resolves", async () => {
    const { owner, caller } = await newOrganization("api-concierge");
    const staff = await addMember(owner.organizationId, "staff");
    const event = await createEvent(caller, { title: "API day", timezone: "Europe/Berlin", startsAt: soon(48), endsAt: soon(52), capacity: 5 });
    await publishEvent(caller, event.id);

    const created = await call(phoneNumbers.POST, { headers: headersFor(owner), body: { number: "whatsapp:+1 500 555 0101", eventId: event.id } });
    expect(created.status).toBe(201);
    const mapping = phoneNumberSchema.parse(((await created.json()) as { data: unknown }).data);
    expect(mapping).toMatchObject({ number: "+15005550101", eventId: event.id });
    const taken = await call(phoneNumbers.POST, { headers: headersFor(owner), body: { number: "+15005550101", eventId: event.id } });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { code: string }).code).toBe("phone_number_taken");
    expect((await call(phoneNumbers.POST, { headers: headersFor(owner), body: { number: "0155 12345", eventId: event.id } })).status).toBe(422);
    expect((await call(phoneNumbers.GET, { headers: headersFor(staff) })).status).toBe(403); // settings: admins and owners
    const listed = (await (await call(phoneNumbers.GET, { headers: headersFor(owner) })).json()) as { data: unknown[] };
    expect(listed.data).toEqual([JSON.parse(JSON.stringify(mapping))]);

    const answered = await inbound("+15005550101", "+447700900001", "where is it");
    const unanswered = await inbound("+15005550101", "+447700900002", "Something nobody can answer");
    expect(unanswered.status).toBe("needs_human");

    const all = (await (await call(conversations.GET, { headers: headersFor(staff) })).json()) as { data: unknown[]; nextCursor: string | null };
    expect(all.data.map((c) => conversationSchema.parse(c).id).sort()).toEqual([answered.conversationId, unanswered.conversationId].sort());
    const flagged = (await (await call(conversations.GET, { headers: headersFor(staff), query: "needsHuman=true" })).json()) as { data: { id: string }[] };
    expect(flagged.data.map((c) => c.id)).toEqual([unanswered.conversationId]);
    const page = (await (await call(conversations.GET, { headers: headersFor(staff), query: "limit=1" })).json()) as { data: { id: string }[]; nextCursor: string };
    const next = (await (await call(conversations.GET, { headers: headersFor(staff), query: `limit=1&cursor=${page.nextCursor}` })).json()) as { data: { id: string }[]; nextCursor: string | null };
    expect([...page.data, ...next.data].map((c) => c.id).sort()).toEqual([answered.conversationId, unanswered.conversationId].sort());
    expect(next.nextCursor).toBeNull();

    const id = unanswered.conversationId!;
    const one = await call(conversation.GET, { headers: headersFor(staff), params: { conversationId: id } });
    expect(conversationSchema.parse(((await one.json()) as { data: unknown }).data)).toMatchObject({ phone: "+447700900002", needsHuman: true, needsHumanReason: "no_answer" });

    const reply = await call(messages.POST, { headers: headersFor(staff), params: { conversationId: id }, body: { body: "Hi, a person here: yes, you can." } });
    expect(reply.status).toBe(201);
    expect(conversationMessageSchema.parse(((await reply.json()) as { data: unknown }).data)).toMatchObject({ direction: "outbound", sentBy: "staff", status: "queued", to: "+447700900002", from: "+15005550101" });
    expect(await db.outboundMessage.count({ where: { to: "+447700900002", body: "Hi, a person here: yes, you can." } })).toBe(1);

    const thread = (await (await call(messages.GET, { headers: headersFor(staff), params: { conversationId: id } })).json()) as { data: unknown[] };
    expect(thread.data.map((m) => conversationMessageSchema.parse(m)).map((m) => [m.direction, m.sentBy])).toEqual([
      ["inbound", null],
      ["outbound", "concierge"],
      ["outbound", "staff"],
    ]);

    const resolved = await call(resolve.POST, { headers: headersFor(staff), params: { conversationId: id } });
    expect(resolved.status).toBe(200);
    expect(((await resolved.json()) as { data: { needsHuman: boolean } }).data.needsHuman).toBe(false);
    expect(((await (await call(conversations.GET, { headers: headersFor(staff), query: "needsHuman=true" })).json()) as { data: unknown[] }).data).toEqual([]);

    // STOP: a reply by hand is refused.
    await inbound("+15005550101", "+447700900002", "STOP");
    const refused = await call(messages.POST, { headers: headersFor(staff), params: { conversationId: id }, body: { body: "Are you there?" } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe("opted_out");

    // Unmapping: later messages to the number are stored as unmapped.
    expect((await call(phoneNumber.DELETE, { headers: headersFor(owner), params: { phoneNumberId: mapping.id } })).status).toBe(204);
    expect((await call(phoneNumber.DELETE, { headers: headersFor(owner), params: { phoneNumberId: mapping.id } })).status).toBe(404);
    expect((await inbound("+15005550101", "+447700900001", "hello")).status).toBe("unmapped");
    expect(await db.auditLogEntry.count({ where: { organizationId: owner.organizationId, action: { in: ["phone_number.mapped", "phone_number.unmapped"] } } })).toBe(2);
  });
});
