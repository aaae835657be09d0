import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { perProcess } from "@/lib/per-process";
import { CHANGES_CHANNEL, type Change } from "./publish";

type Subscriber = (change: Change) => void;
/** A process-wide subscriber (a cache): every change, and word when the connection drops (changes may be missed). */
type ProcessSubscriber = { change: Subscriber; lost: () => void };

/**
 * One LISTEN connection per process, shared by every open live stream: notifications are fanned out to the
 * subscribers of the change's organization, and to process-wide subscribers: in-process caches that must forget what
 * another process changed (scripts/lib/cluster.ts runs several). The connection is opened on the first subscription
 * and re-opened with a back-off if it drops (streams then catch up from the change log when their browser
 * reconnects; caches are told, and empty themselves).
 */
class ChangeListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly everywhere = new Set<ProcessSubscriber>();
  private retryMs = 500;

  /**
   * Subscribes to every organization's changes for the life of the process. Resolves true once the connection
   * listens (from then on no committed change is missed until `lost` is called), false if it cannot connect now.
   */
  async subscribeProcess(subscriber: ProcessSubscriber): Promise<boolean> {
    this.everywhere.add(subscriber);
    try {
      await this.ensureConnected();
      return true;
    } catch {
      this.reconnectLater();
      return false;
    }
  }

  /** True while the LISTEN connection is up. */
  get listening(): boolean {
    return this.client !== null;
  }

  async subscribe(organizationId: string, subscriber: Subscriber): Promise<() => void> {
    let set = this.subscribers.get(organizationId);
    if (!set) this.subscribers.set(organizationId, (set = new Set()));
    set.add(subscriber);
    await this.ensureConnected();
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.subscribers.delete(organizationId);
    };
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: env.DATABASE_URL, application_name: "eventline-live" });
    client.on("notification", (message) => this.dispatch(message.payload));
    client.on("error", (error) => {
      logger.warn({ err: error }, "live updates: listener connection lost");
      this.client = null;
      for (const subscriber of this.everywhere) subscriber.lost();
      void client.end().catch(() => {});
      this.reconnectLater();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    this.client = client;
    this.retryMs = 500;
  }

  private reconnectLater() {
    if (this.subscribers.size === 0 && this.everywhere.size === 0) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    setTimeout(() => void this.ensureConnected().catch(() => this.reconnectLater()), wait).unref();
  }

  private dispatch(payload: string | undefined) {
    if (!payload) return;
    let change: Change;
    try {
      change = JSON.parse(payload) as Change;
    } catch {
      return;
    }
    for (const { change: subscriber } of this.everywhere) deliver(subscriber, change);
    for (const subscriber of this.subscribers.get(change.organizationId) ?? []) deliver(subscriber, change);
  }
}

function deliver(subscriber: Subscriber, change: Change): void {
  try {
    subscriber(change);
  } catch (error) {
    logger.warn({ err: error }, "live updates: a subscriber failed");
  }
}

export const changeListener = perProcess("changeListener", () => new ChangeListener());
