import "server-only";
import { perProcess } from "@/lib/per-process";
import { changeListener } from "./listener";
import type { ChangeTopic } from "./topics";

/**
 * For an in-process cache of something other processes can change (scripts/lib/cluster.ts runs one Next.js process
 * per core; deployments run several instances): the change feed (lib/realtime/publish.ts) tells every process what
 * changed. Returns `ready()`, which subscribes this process once and answers whether it is listening right now — a
 * cache may only serve entries while it is (from then on no committed change is missed); when the connection drops
 * `forgetAll` empties it.
 */
export function invalidatedBy(
  name: string,
  topic: ChangeTopic,
  handlers: { forget: (entityId: string) => void; forgetAll: () => void },
): () => Promise<boolean> {
  const state = perProcess(`invalidation_${name}`, () => ({ subscribed: null as Promise<boolean> | null }));
  return async () => {
    state.subscribed ??= changeListener.subscribeProcess({
      change: (change) => {
        if (change.topic === topic) handlers.forget(change.entityId);
      },
      lost: handlers.forgetAll,
    });
    await state.subscribed;
    return changeListener.listening;
  };
}
