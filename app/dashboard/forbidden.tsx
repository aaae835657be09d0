import { EmptyState, PageHeader } from "@/components/ui/feedback";

/** What a member sees on a dashboard page their role does not open (the data layer refuses too). */
export function forbiddenPage(what: string) {
  return (
    <>
      <PageHeader title="Not available for your role" />
      <EmptyState title={`Your role cannot open the ${what} page`}>Ask an owner or admin of this organization if you need access.</EmptyState>
    </>
  );
}
