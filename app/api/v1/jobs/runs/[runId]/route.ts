import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { one } from "@/lib/api/schemas";
import { jobRunDetailSchema } from "@/lib/jobs/api-schemas";
import { getJobRun, runIdSchema } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/jobs/runs/{runId}", tag: "Jobs", summary: "One run with its event, output and steps", access: "jobs.read", params: z.object({ runId: runIdSchema }), response: one(jobRunDetailSchema) },
  async ({ principal, params }) => ({ data: await getJobRun(principal, params.runId) }),
);
