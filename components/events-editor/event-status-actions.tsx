"use client";
import { useRouter } from "next/navigation";
import { cancelEventAction, deleteDraftAction, publishEventAction } from "@/app/dashboard/events/actions";
import { idleState } from "@/components/ui/action-state";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

/**
 * Publish and delete (a draft), cancel (a published event), each behind a confirmation that says what follows. A
 * draft is deleted rather than cancelled: nobody has seen it, so there is no one to tell.
 */
export function EventStatusActions({ eventId, title, status, confirmedCount, waitlistedCount }: { eventId: string; title: string; status: "draft" | "published" | "cancelled"; confirmedCount: number; waitlistedCount: number }) {
  const toast = useToast();
  const router = useRouter();
  const run = (action: typeof publishEventAction, then: () => void = () => router.refresh()) => async () => {
    const form = new FormData();
    form.set("eventId", eventId);
    const result = await action(idleState, form);
    if (!result.ok) return result.message;
    toast("success", result.message ?? "Done.");
    then();
  };
  const people = confirmedCount + waitlistedCount;
  return (
    <>
      {status === "draft" && (
        <ConfirmDialog trigger="Publish" triggerVariant="primary" title={`Publish “${title}”?`} confirm="Publish event" pendingLabel="Publishing…" onConfirm={run(publishEventAction)}>
          <p>The public page goes live and registration opens (within the registration window, if you set one). You can keep editing afterwards.</p>
        </ConfirmDialog>
      )}
      {status === "draft" && (
        <ConfirmDialog trigger="Delete draft" triggerVariant="danger" title={`Delete “${title}”?`} confirm="Delete draft" pendingLabel="Deleting…" tone="danger" onConfirm={run(deleteDraftAction, () => router.push("/dashboard/events"))}>
          <p>The draft goes, with its schedule, FAQs and registration questions, and any phone number or Shopify product mapped to it. Nobody has seen it yet, so no one is told. This cannot be undone.</p>
        </ConfirmDialog>
      )}
      {status === "published" && (
        <ConfirmDialog trigger="Cancel event" triggerVariant="danger" title={`Cancel “${title}”?`} confirm="Cancel event" pendingLabel="Cancelling…" tone="danger" onConfirm={run(cancelEventAction)}>
          <p>
            Registration closes and the public page says the event is cancelled.{" "}
            {people > 0 ? (
              <strong>
                All {people} {people === 1 ? "person" : "people"} registered or on the waitlist will be emailed that it is cancelled.
              </strong>
            ) : (
              "Nobody has registered yet, so no one is emailed."
            )}{" "}
            This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
