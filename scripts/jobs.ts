/**
 * Jobs from the command line (local executor mode):
 *   npm run jobs -- demo [label]     send the demo event (three steps, a sleep, a retry) and follow the run
 *   npm run jobs -- list [status]    recent runs
 *   npm run jobs -- show <run id>    one run with its steps
 *   npm run jobs -- rerun <run id>   run a finished run's function again with the same event
 *   npm run jobs -- email <address>  queue a test email through the send-email job and show how it ended
 */
import { demoPipelineRequested } from "../inngest/events";
import { sendEvent } from "../inngest/send";
import { db } from "../lib/db";
import { queueEmail } from "../lib/email/service";
import { getRun, listRuns, rerun, type RunStatus } from "../lib/jobs/runs";

const [command, arg] = process.argv.slice(2);

function printRun(run: Awaited<ReturnType<typeof getRun>>) {
  console.log(`${run.id}  ${run.functionId}  ${run.status}  attempts=${run.attempts}  ${run.durationMs ?? "-"} ms`);
  if (run.lastError) console.log(`  last error: ${run.lastError}`);
  for (const step of run.steps) {
    console.log(`  ${step.at.toISOString()}  ${(step.name ?? "").padEnd(12)} ${step.op.padEnd(10)} attempt ${step.attempt}${step.error ? `  ✗ ${step.error}` : ""}`);
  }
  if (run.output !== null) console.log(`  output: ${JSON.stringify(run.output)}`);
}

async function main() {
  switch (command) {
    case "demo": {
      const id = await sendEvent(demoPipelineRequested, { label: arg ?? "hello from the demo", failFirstAttempts: 1 });
      console.log(`sent ${demoPipelineRequested.name} (${id}); following the run…`);
      const until = Date.now() + 60_000;
      while (Date.now() < until) {
        const [run] = (await listRuns({ functionId: "demo-pipeline", limit: 20 })).filter((r) => r.createdAt.getTime() > Date.now() - 120_000);
        if (run && (run.status === "completed" || run.status === "failed")) return printRun(await getRun(run.id));
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error("the run did not finish within 60 s — is `npm run dev` running?");
    }
    case "list":
      for (const run of await listRuns({ status: arg as RunStatus | undefined })) {
        console.log(`${run.createdAt.toISOString()}  ${run.id}  ${run.functionId.padEnd(20)} ${run.status.padEnd(9)} attempts=${run.attempts}${run.lastError ? `  last error: ${run.lastError}` : ""}`);
      }
      return;
    case "show":
      return printRun(await getRun(arg ?? ""));
    case "email": {
      const queued = await queueEmail({
        to: arg ?? "demo@example.test",
        template: "notice",
        props: { heading: "Hello from Eventline", paragraphs: ["This is a test email sent by `npm run jobs -- email`."] },
        idempotencyKey: `cli-test:${Date.now()}`,
      });
      console.log(`queued ${queued.id} to ${queued.to}; waiting for the send-email job…`);
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        const row = await db.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
        if (row.status !== "queued") {
          return console.log(`${row.id}: ${row.status}${row.providerId ? ` (provider id ${row.providerId})` : ""} after ${row.attempts} attempt(s)${row.lastError ? `; last error: ${row.lastError}` : ""}`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error("the email is still queued after 30 s — is `npm run dev` running?");
    }
    case "rerun":
      return console.log(`re-run started: ${(await rerun(arg ?? "")).id}`);
    default:
      console.error("usage: npm run jobs -- demo [label] | list [status] | show <run id> | rerun <run id> | email [address]");
      process.exitCode = 2;
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => process.exit());
