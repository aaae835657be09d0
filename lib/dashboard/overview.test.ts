import type * as NextCache from "next/cache";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createEvent, publishEvent } from "@/lib/events/service";
import { newId, randomToken } from "@/lib/ids";
import { checkIn, registerForEvent } from "@/lib/registrations/service";
import { cancelEvent } from "@/lib/events/service";
import { newOrganization } from "@/tests/api";
import { getOverview } from "./overview";

// Next's data cache needs a Next.js server; here the cache wrapper is a pass-through and revalidateTag a spy.
vi.mock("next/cache", async (original) => ({ ...(await original<typeof NextCache>()), unstable_cache: <T>(fn: T) => fn, revalidateTag: vi.fn(), revalidatePath: vi.fn() }));

const hour = 3_600_000;
const day = 24 * hour;

async function publishedEvent(caller: Awaited<ReturnType<typeof newOrganization>>["caller"], title: string, capacity: number, startsInDays = 10) {
  const startsAt = new Date(Date.now() + startsInDays * day).toISOString();
  const event = await createEvent(caller, { title, timezone: "Europe/Berlin", startsAt, endsAt: new Date(Date.parse(startsAt) + 8 * hour).toISOString(), capacity });
  await publishEvent(caller, event.id);
  return event;
}

describe("getOverview", () => {
  it("counts one organization's registrations, check-ins, waitlist, messages and handoffs, and nothing of another's", async () => {
    const { caller, org } = await newOrganization("overview");
    const other = await newOrganization("overview-other");
    const event = await publishedEvent(caller, "Harbour Summit", 2);
    const a = await registerForEvent(event.id, { name: "Ann", email: "ann@example.test" }, "web");
    await registerForEvent(event.id, { name: "Ben", email: "ben@example.test" }, "web");
    await registerForEvent(event.id, { name: "Cy", email: "cy@example.test" }, "web"); // waitlisted
    await checkIn(caller, { registrationId: a.registration.id });
    const foreign = await publishedEvent(other.caller, "Elsewhere", 5);
    await registerForEvent(foreign.id, { name: "Dee", email: "dee@example.test" }, "web");

    const conversation = await db.conversation.create({ data: { id: newId("cnv"), organizationId: org.id, phone: "+14155550101", channel: "sms", needsHuman: true } });
    await db.conversationMessage.create({ data: { id: newId("cmg"), organizationId: org.id, conversationId: conversation.id, direction: "inbound", channel: "sms", from: "+14155550101", to: "+14155550000", body: "What time is the keynote?" } });
    await db.conversation.create({ data: { id: newId("cnv"), organizationId: other.org.id, phone: "+14155550102", channel: "sms", needsHuman: true } });

    const overview = await getOverview(caller, { timezone: "Europe/Berlin" });
    expect(overview.totals).toEqual({ confirmed: 2, waitlisted: 1, checkedIn: 1, cancelled: 0, recent: 3 });
    expect(overview.messages).toEqual({ inbound: 1, needsHuman: 1 });
    expect(overview.eventCount).toBe(1);
    expect(overview.upcoming.map((e) => e.title)).toEqual(["Harbour Summit"]);
    expect(overview.perDay).toHaveLength(30);
    expect(overview.perDay.at(-1)).toEqual({ date: new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date()), count: 3 });
    expect(overview.perDay.slice(0, -1).every((d) => d.count === 0)).toBe(true);

    const theirs = await getOverview(other.caller, { timezone: "UTC" });
    expect(theirs.totals).toMatchObject({ confirmed: 1, waitlisted: 0, checkedIn: 0 });
    expect(theirs.messages).toEqual({ inbound: 0, needsHuman: 1 });
  });

  it("buckets days in the organization's time zone, leaves out cancelled and past events from upcoming, and starts empty", async () => {
    const { caller, org } = await newOrganization("overview-days");
    expect(await getOverview(caller, { timezone: "UTC" })).toMatchObject({ totals: { confirmed: 0, waitlisted: 0, checkedIn: 0, cancelled: 0, recent: 0 }, upcoming: [], eventCount: 0 });

    const event = await publishedEvent(caller, "Soon", 10);
    const cancelled = await publishedEvent(caller, "Called off", 10, 5);
    await cancelEvent(caller, cancelled.id);
    // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin (UTC+1 in winter).
    const now = new Date("2030-03-10T12:00:00Z");
    await db.registration.create({ data: { id: newId("reg"), organizationId: org.id, eventId: event.id, name: "Late", email: "late@example.test", status: "confirmed", ticketToken: randomToken(32), createdAt: new Date("2030-03-01T23:30:00Z") } });
    const berlin = await getOverview(caller, { timezone: "Europe/Berlin", now });
    const utc = await getOverview(caller, { timezone: "UTC", now });
    expect(berlin.perDay.find((d) => d.count > 0)?.date).toBe("2030-03-02");
    expect(utc.perDay.find((d) => d.count > 0)?.date).toBe("2030-03-01");
    expect(berlin.perDay.at(-1)?.date).toBe("2030-03-10");
    expect(berlin.perDay[0]?.date).toBe("2030-02-09");
    expect((await getOverview(caller, { timezone: "UTC" })).upcoming.map((e) => e.title)).toEqual(["Soon"]);
    expect(berlin.upcoming).toEqual([]); // in 2030 both events are past
  });

  it("stays fast with 10,000 registrations", async () => {
    const { caller, org } = await newOrganization("overview-load");
    const event = await publishedEvent(caller, "Big Conference", 20_000);
    const now = Date.now();
    // Bulk rows for the measurement (the service path is covered above); spread over 40 days.
    for (let batch = 0; batch < 10; batch++) {
      await db.registration.createMany({
        data: Array.from({ length: 1_000 }, (_, i) => {
          const n = batch * 1_000 + i;
          return {
            id: newId("reg"),
            organizationId: org.id,
            eventId: event.id,
            name: `Person ${n}`,
            email: `p${n}@example.test`,
            status: n % 10 === 0 ? ("waitlisted" as const) : ("confirmed" as const),
            checkedInAt: n % 3 === 0 ? new Date(now) : null,
            ticketToken: randomToken(32),
            createdAt: new Date(now - (n % 40) * day - (n % 24) * hour),
          };
        }),
      });
    }
    await db.$executeRaw`ANALYZE registrations`;
    let overview = await getOverview(caller, { timezone: "Europe/Berlin" }); // warm
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      overview = await getOverview(caller, { timezone: "Europe/Berlin" });
      times.push(performance.now() - started);
    }
    times.sort((x, y) => x - y);
    const median = times[3]!;
    console.info(`getOverview with 10,000 registrations: median ${median.toFixed(1)} ms, max ${times[6]!.toFixed(1)} ms`);
    expect(overview.totals.confirmed + overview.totals.waitlisted).toBe(10_000);
    expect(overview.totals.recent).toBeGreaterThan(6_000);
    expect(median).toBeLessThan(150);
  });
});
