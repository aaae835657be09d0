import { describe, expect, it } from "vitest";
import { list, one, shopifyProductSchema } from "@/lib/api/schemas";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/service";
import { randomToken } from "@/lib/ids";
import { addKey, addMember, call, headersFor, newOrganization } from "@/tests/api";
import { DELETE } from "./[shopifyProductId]/route";
import { GET, POST } from "./route";

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const sku = () => `TICKET-${randomToken(8)}`;

async function organizationWithEvent(name: string) {
  const organization = await newOrganization(name);
  const event = await createEvent(organization.caller, { title: `${name} conf`, timezone: "UTC", startsAt: soon(48), endsAt: soon(50), capacity: 10 });
  return { ...organization, event };
}

describe("/api/v1/shopify-products", () => {
  it("maps a SKU to an event, lists it, refuses the same SKU twice, and removes it (audited)", async () => {
    const { owner, org, event } = await organizationWithEvent("shopify-api");
    const headers = headersFor(owner);
    const mapped = sku();
    const created = await call(POST, { headers, body: { eventId: event.id, sku: `  ${mapped} ` } });
    expect(created.status).toBe(201);
    const { data } = one(shopifyProductSchema).parse(await created.json());
    expect(data).toMatchObject({ sku: mapped, eventId: event.id });

    const listed = await call(GET, { headers, query: `eventId=${event.id}` });
    expect(list(shopifyProductSchema).parse(await listed.json()).data).toEqual([data]);

    const again = await call(POST, { headers, body: { eventId: event.id, sku: mapped } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "sku_taken" });
    expect((await call(POST, { headers, body: { eventId: event.id, sku: "" } })).status).toBe(422);

    expect((await call(DELETE, { headers, params: { shopifyProductId: data.id } })).status).toBe(204);
    expect((await call(DELETE, { headers, params: { shopifyProductId: data.id } })).status).toBe(404);
    expect(await db.shopifyProduct.count({ where: { sku: mapped } })).toBe(0);
    const audited = await db.auditLogEntry.findMany({ where: { organizationId: org.id, targetType: "shopify_product" }, orderBy: { id: "asc" } });
    expect(audited.map((entry) => (entry.data as { change: string }).change)).toEqual(["shopify_product.mapped", "shopify_product.unmapped"]);
  });

  it("lets viewers and keys read mappings but only owners and admins change them", async () => {
    const { owner, org, event } = await organizationWithEvent("shopify-roles");
    const viewer = await addMember(org.id, "viewer");
    const key = await addKey(org.id, owner.userId, "read_write");
    expect((await call(POST, { headers: headersFor(owner), body: { eventId: event.id, sku: sku() } })).status).toBe(201);
    for (const who of [viewer, key]) {
      expect((await call(GET, { headers: headersFor(who) })).status).toBe(200);
      expect((await call(POST, { headers: headersFor(who), body: { eventId: event.id, sku: sku() } })).status).toBe(403);
    }
  });

  it("refuses another organization's event and hides another organization's mappings (404)", async () => {
    const a = await organizationWithEvent("shopify-alpha");
    const b = await organizationWithEvent("shopify-bravo");
    const alphaSku = sku();
    const mapping = (await (await call(POST, { headers: headersFor(a.owner), body: { eventId: a.event.id, sku: alphaSku } })).json()) as { data: { id: string } };

    const foreignEvent = await call(POST, { headers: headersFor(b.owner), body: { eventId: a.event.id, sku: sku() } });
    expect(foreignEvent.status).toBe(404);
    expect((await call(DELETE, { headers: headersFor(b.owner), params: { shopifyProductId: mapping.data.id } })).status).toBe(404);
    const listed = await call(GET, { headers: headersFor(b.owner) });
    expect(await listed.text()).not.toContain(alphaSku);
    expect(await db.shopifyProduct.findUniqueOrThrow({ where: { id: mapping.data.id } })).toMatchObject({ organizationId: a.org.id, eventId: a.event.id });
  });
});
