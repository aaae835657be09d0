// @ts-check
/**
 * Next.js's own file-system cache handler, plus one thing: tag revalidations reach every Next.js process that shares
 * the database, not only the one that made them.
 *
 * Why: Next keeps "tag X was revalidated at T" in a per-process map (tags-manifest). With one `next start` per core
 * (scripts/lib/cluster.ts) or several app containers, an organizer's edit would refresh `/e/<slug>` in the process that
 * handled the edit and leave every other process serving the old page until its 60 s revalidation. Here
 * `revalidateTag` also sends the tags with `pg_notify('eventline_cache_tags', …)` (awaited, so by the time the
 * organizer's response arrives the other processes have been told), and each process LISTENs on that channel and
 * applies what others sent to its own map through Next's own `revalidateTag`. Cached entries themselves stay where
 * Next puts them (memory and `.next/cache`).
 *
 * If the database is unreachable, revalidations stay local and other processes catch up within the page's own
 * revalidation period; nothing here ever fails a request. Loaded by next.config.ts (`cacheHandler`), outside the
 * bundle, so it is plain JavaScript and reads process.env itself. See docs/decisions.md #75.
 */
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import pg from "pg";

const require = createRequire(import.meta.url);
/** @type {any} */
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;

export const CHANNEL = "eventline_cache_tags";
const RETRY_MS = 5_000;

/**
 * One listener per process (Next creates a cache handler per request).
 * @type {{ origin: string, client: import("pg").Client | null, connecting: Promise<void> | null, sending: Promise<void>, apply: (tags: string[], durations?: { expire?: number }) => void } | undefined}
 */
let shared;

function enabled() {
  return Boolean(process.env.DATABASE_URL) && process.env.NEXT_PHASE !== "phase-production-build" && process.env.CACHE_SYNC !== "off";
}

/**
 * @param {string} msg
 * @param {unknown} [error]
 */
function warn(msg, error) {
  // The app's logger lives in the bundle; this file is outside it, so it writes the same JSON line shape itself.
  const detail = error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) };
  console.warn(JSON.stringify({ level: "warn", time: new Date().toISOString(), service: "eventline", msg, ...detail }));
}

/** @param {(tags: string[], durations?: { expire?: number }) => void} apply */
function listener(apply) {
  if (shared) return shared;
  const state = (shared = { origin: randomUUID(), client: null, connecting: null, sending: Promise.resolve(), apply });
  const connect = () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "eventline-cache-sync" });
    state.connecting = client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        state.client = client;
        state.connecting = null;
      });
    client.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const { origin, tags, durations } = JSON.parse(message.payload);
        if (origin !== state.origin && Array.isArray(tags)) state.apply(tags, durations ?? undefined);
      } catch (error) {
        warn("cache sync: unreadable notification", error);
      }
    });
    let failed = false;
    const retry = (error) => {
      if (failed) return;
      failed = true;
      if (state.client === client) state.client = null;
      state.connecting = null;
      client.removeAllListeners("error");
      client.on("error", () => {});
      void client.end().catch(() => {});
      warn("cache sync: connection lost; revalidations stay local until it is back", error);
      setTimeout(connect, RETRY_MS).unref();
    };
    client.on("error", retry);
    state.connecting.catch(retry);
  };
  connect();
  return state;
}

export default class ClusterCacheHandler extends FileSystemCache {
  /** @param {any} ctx */
  constructor(ctx) {
    super(ctx);
    if (enabled()) listener((tags, durations) => super.revalidateTag(tags, durations));
  }

  /**
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    const started = Date.now();
    try {
      await super.revalidateTag(tags, durations);
      const list = typeof tags === "string" ? [tags] : tags;
      if (!shared || list.length === 0) return;
      if (shared.connecting) await shared.connecting.catch(() => {});
      if (!shared.client) return;
      const payload = JSON.stringify({ origin: shared.origin, tags: list, durations: durations ?? null });
      // NOTIFY payloads are limited to 8,000 bytes; a revalidation naming that many tags is not something this app does.
      // One query at a time on the listening connection (pg deprecates queueing several on one client).
      const client = shared.client;
      const sent = shared.sending.then(() => client.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]));
      shared.sending = sent.then(
        () => undefined,
        () => undefined,
      );
      await sent.catch((error) => warn("cache sync: could not send a revalidation", error));
    } finally {
      const ms = Date.now() - started;
      // A server action waits for its revalidations before it answers: a slow one is a slow page for someone.
      if (ms > 1_000) warn(`cache sync: a revalidation took ${ms} ms`);
    }
  }
}
