/**
 * The concierge's per-process copy of an event's facts and of the number mappings (./facts.ts), on the real test
 * database with the real change feed: an organizer's edit through the services reaches the next answers, a number
 * unmapped through the settings stops being answered, and a write that publishes no change is not seen (so the copy
 * really is what answers, and the change is what refreshes it).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addSession, createEvent, publishEvent, updateSession } from "@/lib/events/service";
import { zonedToUtc } from "@/lib/time";
import { newOrganization } from "@/tests/api";
import { forgetConciergeFacts } from "./facts";
import { handleInboundMessage } from "./inbound";
import { createPhoneNumber, deletePhoneNumber } from "./phone-numbers";

const TZ = "Europe/Berlin";
const at = (local: string) => zonedToUtc(local, TZ).toISOString();
let sids = 0;

async function ask(to: string, body = "What time is the keynote?") {
  const outcome = await handleInboundMessage(
    { messageSid: `SMfacts${String(++sids).padStart(27, "0")}`, from: "+4915112340001", to, body, channel: "sms", receivedAt: new Date() },
    { send: () => Promise.resolve(), llm: null },
  );
  const rows = await db.outboundMessage.findMany({ where: { id: { in: outcome.replyMessageIds } } });
  return { status: outcome.status, text: rows.map((r) => r.body).join("\n") };
}

/** Asks until `done` holds (the change arrives asynchronously), for at most 5 s: far less than the copy's 60 s. */
async function askUntil(to: string, done: (answer: Awaited<ReturnType<typeof ask>>) => boolean) {
  const until = Date.now() + 5_000;
  let answer = await ask(to);
  while (!done(answer) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    answer = await ask(to);
  }
  return answer;
}

let caller: Awaited<ReturnType<typeof newOrganization>>["caller"];
let eventId = "";
let keynoteId = "";
beforeAll(async () => {
  ({ caller } = await newOrganization("concierge-facts"));
  const event = await createEvent(caller, { title: "Facts Day", timezone: TZ, venue: "Hall 1", startsAt: at("2027-03-10T09:00"), endsAt: at("2027-03-10T17:00"), capacity: 10 });
  eventId = event.id;
  keynoteId = (await addSession(caller, eventId, { title: "Opening keynote", room: "Main", startsAt: at("2027-03-10T09:00"), endsAt: at("2027-03-10T10:00"), isKeynote: true })).id;
  await publishEvent(caller, eventId);
  forgetConciergeFacts();
});

describe("the concierge's copy of event facts", () => {
  it("answers from the copy, and an organizer's edit reaches the next answers", async () => {
    const number = "+15005550701";
    await createPhoneNumber(caller, { number, eventId });
    expect((await ask(number)).text).toContain("09:00 CET");

    // Written behind the services' back (no change published): the copy still answers.
    await db.eventSession.update({ where: { id: keynoteId }, data: { room: "Basement" } });
    expect((await ask(number)).text).toContain("in Main");

    // Through the service: every process hears the "event" change and forgets the copy.
    await updateSession(caller, eventId, keynoteId, { startsAt: at("2027-03-10T11:00"), endsAt: at("2027-03-10T12:00") });
    const after = await askUntil(number, (a) => a.text.includes("11:00 CET"));
    expect(after.text).toContain("11:00 CET");
    expect(after.text).toContain("in Basement");
  });

  it("stops answering for a number once it is unmapped", async () => {
    const number = "+15005550702";
    const mapped = await createPhoneNumber(caller, { number, eventId });
    expect((await ask(number)).status).toBe("replied");
    await deletePhoneNumber(caller, mapped.id);
    const after = await askUntil(number, (a) => a.status === "unmapped");
    expect(after).toEqual({ status: "unmapped", text: "" });
  });
});
