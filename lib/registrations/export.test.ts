import { describe, expect, it } from "vitest";
import { GET as exportCsv } from "@/app/api/v1/events/[eventId]/registrations.csv/route";
import { db } from "@/lib/db";
import { createEvent, publishEvent } from "@/lib/events/service";
import { newId } from "@/lib/ids";
import { addKey, call, headersFor, newOrganization } from "@/tests/api";
import { registerForEvent } from "./service";

describe("GET /api/v1/events/{eventId}/registrations.csv", () => {
  it("streams every registration with one column per question, quoting what needs quoting", async () => {
    const { org, owner, caller } = await newOrganization("csv");
    const start = Date.now() + 48 * 3_600_000;
    const event = await createEvent(caller, { title: "CSV day", timezone: "UTC", startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString(), capacity: 2 });
    await publishEvent(caller, event.id);
    const diet = await db.registrationQuestion.create({ data: { id: newId("rq"), organizationId: org.id, eventId: event.id, label: "Diet", kind: "text" } });
    await registerForEvent(event.id, { name: 'Ada "The Countess", Lovelace', email: "ada@example.test", answers: { [diet.id]: "vegan" } }, "web");
    for (let i = 0; i < 3; i++) await registerForEvent(event.id, { name: `P${i}`, email: `p${i}@example.test` }, "api");

    const key = await addKey(org.id, owner.userId, "read");
    const response = await call(exportCsv, { params: { eventId: event.id }, headers: headersFor(key) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(`${event.slug}-registrations.csv`);
    const lines = (await response.text()).trimEnd().split("\n");
    expect(lines[0]).toBe("id,name,email,phone,status,source,waitlist_position,checked_in_at,registered_at,Diet");
    expect(lines).toHaveLength(5);
    const ada = lines.find((l) => l.includes("ada@example.test"))!;
    expect(ada).toContain('"Ada ""The Countess"", Lovelace",ada@example.test,,confirmed,web,');
    expect(ada.endsWith(",vegan")).toBe(true);
    expect(lines.filter((l) => l.includes(",waitlisted,api,"))).toHaveLength(2);

    const other = await newOrganization("csv-other");
    const foreign = await addKey(other.org.id, other.owner.userId, "read");
    expect((await call(exportCsv, { params: { eventId: event.id }, headers: headersFor(foreign) })).status).toBe(404);
  });
});
