import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { day, organizerKey, post, unique } from "./helpers";

/**
 * The e2e server runs `npm start` with two Next.js workers behind one port (playwright.config.ts, WEB_CONCURRENCY=2).
 * Each request below opens its own connection, and the cluster hands new connections to the workers in turn, so both
 * workers render and cache the page; after an edit handled by one of them, every one must serve the new title.
 */
function fetchFresh(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false, headers: { connection: "close" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("an organizer's edit reaches the public page on every web worker at once", async ({ page, request, baseURL }) => {
  test.slow();
  const id = unique();
  const key = await organizerKey(page, id, `Cluster ${id}`);
  const slug = `cluster-${id}`.toLowerCase();
  const startsAt = new Date(Date.now() + 10 * day);
  const event = await post<{ id: string }>(request, key, "/api/v1/events", {
    title: `Before ${id}`,
    slug,
    timezone: "Europe/Paris",
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    capacity: 10,
  });
  await post(request, key, `/api/v1/events/${event.id}/publish`);

  const url = `${baseURL}/e/${slug}`;
  for (let i = 0; i < 6; i++) {
    const warm = await fetchFresh(url);
    expect(warm.status).toBe(200);
    expect(warm.body).toContain(`Before ${id}`);
  }

  const edited = await request.patch(`/api/v1/events/${event.id}`, {
    headers: { authorization: `Bearer ${key}` },
    data: { title: `After ${id}` },
  });
  expect(edited.status(), await edited.text()).toBe(200);

  const titles: string[] = [];
  for (let i = 0; i < 8; i++) {
    const { body } = await fetchFresh(url);
    titles.push(body.includes(`After ${id}`) ? "after" : body.includes(`Before ${id}`) ? "before" : "neither");
  }
  expect(titles).toEqual(Array(8).fill("after"));
});
