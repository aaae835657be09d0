"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

type Status = "connecting" | "live" | "reconnecting";

/**
 * Keeps an open dashboard current: listens to /api/live (Server-Sent Events; the browser reconnects by itself and
 * sends Last-Event-ID, so nothing is missed) and, for each change, invalidates the queries of its topic and refreshes
 * the server-rendered parts of the page (at most once a second). Shows whether the page is live.
 */
export function LiveUpdates() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [status, setStatus] = useState<Status>("connecting");
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const source = new EventSource("/api/live");
    source.addEventListener("ready", () => setStatus("live"));
    source.addEventListener("open", () => setStatus("live"));
    source.addEventListener("error", () => setStatus(source.readyState === EventSource.CLOSED ? "reconnecting" : "connecting"));
    source.addEventListener("change", (message) => {
      const { topic } = JSON.parse((message as MessageEvent<string>).data) as { topic: string; id: string };
      void queryClient.invalidateQueries({ queryKey: [topic] });
      refresh.current ??= setTimeout(() => {
        refresh.current = null;
        router.refresh();
      }, 1_000);
    });
    return () => {
      source.close();
      if (refresh.current) clearTimeout(refresh.current);
    };
  }, [queryClient, router]);

  const label = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" }[status];
  return (
    <span data-testid="live-status" data-status={status} title="Changes appear without reloading" className="inline-flex items-center gap-1.5 text-xs text-slate-500">
      <span aria-hidden className={`size-2 rounded-full ${status === "live" ? "bg-emerald-500" : "animate-pulse bg-amber-400"}`} />
      <span role="status">{label}</span>
    </span>
  );
}
