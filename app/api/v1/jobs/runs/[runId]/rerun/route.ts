import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { one } from "@/lib/api/schemas";
import { jobRerunSchema } from "@/lib/jobs/api-schemas";
import { rerunJobRun, runIdSchema } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/jobs/runs/{runId}/rerun",
    tag: "Jobs",
    summary: "Run a finished run's function again with the same event",
    description: "A new run, linked to the old one (`rerunOf`). Functions are idempotent, so what already happened is not repeated. 409 `run_in_progress` until the run has finished.",
    access: "jobs.rerun",
    params: z.object({ runId: runIdSchema }),
    response: one(jobRerunSchema),
    status: 202,
  },
  async ({ principal, params }) => ({ data: await rerunJobRun(principal, params.runId) }),
);
