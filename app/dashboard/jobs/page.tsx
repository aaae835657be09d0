import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { JobRuns } from "@/components/jobs/job-runs";
import { jobRunsKey } from "@/components/jobs/types";
import { Alert, Card, PageHeader } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { modes } from "@/lib/env";
import { listJobRuns, RUN_STATUSES } from "@/lib/jobs/service";
import { makeQueryClient } from "@/lib/query/options";
import { forbiddenPage } from "../forbidden";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { organization, caller } = await requireWorkspace();
  if (!can(organization.role, "jobs.read")) return forbiddenPage("jobs");
  const header = <PageHeader title="Jobs" description="Background work done for your organization: processing webhooks, sending email and messages, reminders." />;

  if (modes.jobs !== "local-executor") {
    return (
      <>
        {header}
        <Alert tone="info">
          Jobs run on {modes.jobs === "inngest-cloud" ? "Inngest Cloud" : "an Inngest Dev Server"}, which keeps their runs, steps and errors. See them in{" "}
          <a className="font-medium underline" href={modes.jobs === "inngest-cloud" ? "https://app.inngest.com/" : "http://localhost:8288/"} target="_blank" rel="noreferrer">
            the Inngest dashboard
          </a>
          .
        </Alert>
      </>
    );
  }

  const { status } = await searchParams;
  const filter = (RUN_STATUSES as readonly string[]).includes(status ?? "") ? (status as (typeof RUN_STATUSES)[number]) : undefined;
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ queryKey: jobRunsKey(filter), queryFn: async () => JSON.parse(JSON.stringify(await listJobRuns(caller, { limit: 100, status: filter }))) as unknown });

  return (
    <>
      {header}
      <Card title="Runs" description="Runs of the local job executor that concern this organization's records. Runs of the platform's own sweepers are not shown here.">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <JobRuns status={filter} timezone={organization.timezone} canRerun={can(organization.role, "jobs.rerun")} />
        </HydrationBoundary>
      </Card>
    </>
  );
}
