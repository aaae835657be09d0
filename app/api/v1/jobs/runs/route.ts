import { endpoint } from "@/lib/api/endpoint";
import { list } from "@/lib/api/schemas";
import { jobRunSchema } from "@/lib/jobs/api-schemas";
import { listJobRuns, listJobRunsQuery } from "@/lib/jobs/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  {
    method: "GET",
    path: "/api/v1/jobs/runs",
    tag: "Jobs",
    summary: "Background job runs that concern this organization, newest first",
    description:
      "Runs of the local executor whose event names one of the organization's records (a webhook delivery, email, message, registration or event). Platform runs (cron sweepers) are not listed. 409 `jobs_in_inngest` when jobs run on Inngest: see Inngest's dashboard.",
    access: "jobs.read",
    query: listJobRunsQuery,
    response: list(jobRunSchema),
  },
  async ({ principal, query }) => listJobRuns(principal, query),
);
