"use client";
import { startTransition, useOptimistic, useState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { buttonClass } from "@/components/ui/button-class";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";

type Props<T extends { id: string }> = {
  items: T[];
  /** Names an item in button labels and the delete confirmation ("the session “Keynote”"). */
  itemName: (item: T) => string;
  noun: string;
  view: (item: T) => React.ReactNode;
  /** The add/edit form; `done` closes it after a successful save. */
  form: (item: T | null, done: () => void) => React.ReactNode;
  remove: (item: T) => Promise<ActionResult>;
  canEdit: boolean;
  empty: React.ReactNode;
  testId: string;
};

/**
 * A list of an event's items (sessions, FAQs, questions) with add, inline edit and delete. Deletes are optimistic:
 * the row goes at once and comes back with a toast if the server refuses.
 */
export function EditableList<T extends { id: string }>({ items, itemName, noun, view, form, remove, canEdit, empty, testId }: Props<T>) {
  const toast = useToast();
  const [editing, setEditing] = useState<string | null>(null);
  const [visible, hide] = useOptimistic(items, (list: T[], id: string) => list.filter((item) => item.id !== id));

  function confirmDelete(item: T) {
    startTransition(async () => {
      hide(item.id);
      const result = await remove(item);
      toast(result.ok ? "success" : "error", result.ok ? (result.message ?? "Removed.") : result.message);
    });
  }

  return (
    <div className="grid gap-4">
      {visible.length === 0 ? (
        <EmptyState title={`No ${noun}s yet`}>{empty}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid={testId}>
          {visible.map((item) => (
            <li key={item.id} className="py-3">
              {editing === item.id ? (
                <div className="rounded-lg border border-slate-200 bg-slate-50 p-3">{form(item, () => setEditing(null))}</div>
              ) : (
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0 grow basis-64">{view(item)}</div>
                  {canEdit && (
                    <div className="flex shrink-0 gap-2">
                      <button type="button" className={buttonClass("secondary", "px-2.5 py-1.5")} aria-label={`Edit ${itemName(item)}`} onClick={() => setEditing(item.id)}>
                        Edit
                      </button>
                      <ConfirmDialog
                        trigger="Delete"
                        triggerLabel={`Delete ${itemName(item)}`}
                        triggerVariant="danger"
                        triggerClassName="px-2.5 py-1.5"
                        title={`Delete this ${noun}?`}
                        confirm={`Delete ${noun}`}
                        tone="danger"
                        onConfirm={() => confirmDelete(item)}
                      >
                        <p>
                          {itemName(item)} will be removed{noun === "question" ? "; answers already given stay on the registrations." : " from the event and its public page."}
                        </p>
                      </ConfirmDialog>
                    </div>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <details className="group rounded-lg border border-dashed border-slate-300 open:border-solid open:bg-slate-50">
          <summary className="cursor-pointer list-none rounded-lg px-4 py-2.5 text-sm font-medium text-brand-700 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
            <span aria-hidden>+ </span>Add a {noun}
          </summary>
          <div className="px-4 pb-4">{form(null, () => {})}</div>
        </details>
      )}
    </div>
  );
}
