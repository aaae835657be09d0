import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { scrubConsole } from "./console";
import { createLogger } from "./index";

const SECRETS = ["ada@example.com", "ada%40example.com", "+15550100777", "evl_live_7Hq2ZxY9pQabcdef", "Qm9yZWQtYnV0LWhvbmVzdC10b2tlbi0xMjM0NTY3ODk"];

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger(stream).child({ requestId: "req_0123456789abcdef0123456789abcdef" }) };
}

describe("the logger, end to end", () => {
  it("keeps every secret out of the written line, whatever shape it is logged in", () => {
    const { lines, logger } = capture();
    logger.level = "info";
    logger.info({ method: "GET", url: "/api/v1/x?search=ada%40example.com&token=Qm9yZWQtYnV0LWhvbmVzdC10b2tlbi0xMjM0NTY3ODk" }, "request");
    logger.info({ attendee: { name: "Ada", contact: "ada@example.com", phone: "+15550100777" } }, "registered");
    logger.warn("message from +15550100777 to ada@example.com with evl_live_7Hq2ZxY9pQabcdef");
    logger.error({ err: new Error("No account for ada@example.com (key evl_live_7Hq2ZxY9pQabcdef)") }, "sign-in failed");
    logger.error(new Error("lookup of +15550100777 failed"));
    logger.error({ err: Object.assign(new Error("duplicate key"), { detail: "Key (email)=(ada@example.com) already exists." }) }, "insert failed");
    expect(lines).toHaveLength(6);
    const written = lines.join("");
    for (const secret of SECRETS) expect(written).not.toContain(secret);
    expect(written).toContain("req_0123456789abcdef0123456789abcdef");
    expect(written).toContain("[email]");
    expect(written).toContain("[phone]");
  });
});

describe("scrubConsole", () => {
  it("scrubs what is printed with console.*, errors included, and patches a console once", () => {
    const printed: string[] = [];
    const fake = { log: (s: string) => printed.push(s), info: (s: string) => printed.push(s), warn: (s: string) => printed.push(s), error: (s: string) => printed.push(s), debug: (s: string) => printed.push(s), trace: (s: string) => printed.push(s) } as unknown as Console;
    scrubConsole(fake);
    scrubConsole(fake);
    fake.error(new Error("render failed for ada@example.com"));
    fake.warn("%s registered with %o", "+15550100777", { session: "Qm9yZWQtYnV0LWhvbmVzdC10b2tlbi0xMjM0NTY3ODk" });
    expect(printed).toHaveLength(2);
    for (const secret of SECRETS) expect(printed.join("\n")).not.toContain(secret);
    expect(printed[0]).toContain("render failed for [email]");
  });
});
