/**
 * One value per Node.js process. Next.js may evaluate a module once per route bundle (and again on hot reload), so
 * module-level state is not shared between, say, a server action and an API route; caches that must be (a revoked key
 * forgotten everywhere in the process) live on globalThis under a name.
 */
export function perProcess<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<string, T | undefined>;
  const key = `__eventline_${name}`;
  return (store[key] ??= create());
}
