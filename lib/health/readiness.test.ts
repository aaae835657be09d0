import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { modes } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { checkReadiness } from "./readiness";

/** A TCP server that accepts connections and never says a word: a database that hangs. */
let silent: net.Server;
let silentPort = 0;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

const clientFor = (url: string) => new PrismaClient({ adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: 10_000 }) });

describe("checkReadiness against PostgreSQL", () => {
  it("reports the real database as ok", async () => {
    const readiness = await checkReadiness({ database: () => db.$queryRaw`SELECT 1` }, modes);
    expect(readiness.ready).toBe(true);
    expect(readiness.checks.database?.status).toBe("ok");
    expect(readiness.modes).toEqual(modes);
  });

  it("reports a refused connection as an error without leaking the address", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = clientFor(`postgresql://u:secretpw@127.0.0.1:${port}/x`);
    const readiness = await checkReadiness({ database: () => client.$queryRaw`SELECT 1` }, modes);
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.database?.status).toBe("error");
    expect(JSON.stringify(readiness)).not.toContain("secretpw");
    expect(JSON.stringify(readiness)).not.toContain(String(port));
  });

  it("gives up on a hanging database within the deadline", async () => {
    const client = clientFor(`postgresql://u:p@127.0.0.1:${silentPort}/x`);
    const started = performance.now();
    const readiness = await checkReadiness({ database: () => client.$queryRaw`SELECT 1` }, modes, 500);
    const elapsed = performance.now() - started;
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.database?.status).toBe("timeout");
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2_000);
  });
});
