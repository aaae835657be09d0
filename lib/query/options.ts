import { QueryClient } from "@tanstack/react-query";

/**
 * One configuration for every query client, on the server (prefetch, then dehydrate into the page) and in the
 * browser: data is fresh for 30 s, so hydrated data is not fetched again at once; live updates invalidate what changed.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: true, retry: 1 },
      dehydrate: { shouldDehydrateQuery: (query) => query.state.status === "success" },
    },
  });
}
