"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/webhooks/modal";
import { buttonClass } from "@/components/ui/button-class";
import { Alert, EmptyState } from "@/components/ui/feedback";
import { Field, SelectField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { apiFetch, ApiError } from "@/lib/query/fetch";
import { phoneNumbersKey } from "./queries";

export type PhoneNumber = { id: string; number: string; eventId: string; createdAt: string };
type Page = { data: PhoneNumber[]; nextCursor: string | null };

/**
 * Settings → phone numbers: which SMS number or WhatsApp sender answers for which event (the concierge). Owners and
 * admins only (`settings.manage`); the settings page does not render it for anyone else.
 */
export function PhoneNumberMappings({ events }: { events: { id: string; title: string; cancelled: boolean }[] }) {
  const open = events.filter((e) => !e.cancelled);
  const queryClient = useQueryClient();
  const toast = useToast();
  const list = useQuery({ queryKey: phoneNumbersKey, queryFn: () => apiFetch<Page>("/api/v1/phone-numbers?limit=200") });
  const [number, setNumber] = useState("");
  const [eventId, setEventId] = useState(open[0]?.id ?? "");
  const [errors, setErrors] = useState<{ number?: string; eventId?: string; form?: string }>({});
  const [removing, setRemoving] = useState<PhoneNumber | null>(null);
  const titleOf = (id: string) => events.find((e) => e.id === id)?.title ?? "An event not in the first 200";

  const add = useMutation({
    mutationFn: () => apiFetch<{ data: PhoneNumber }>("/api/v1/phone-numbers", { method: "POST", body: JSON.stringify({ number, eventId }) }),
    onSuccess: ({ data }) => {
      queryClient.setQueryData<Page>(phoneNumbersKey, (old) => (old ? { ...old, data: [...old.data, data] } : old));
      setNumber("");
      setErrors({});
      toast("success", `${data.number} now answers for ${titleOf(data.eventId)}.`);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.errors.length > 0) {
        const byField: Record<string, string> = {};
        for (const e of err.errors) byField[e.path.split(".")[0] ?? "form"] ??= e.message;
        setErrors({ number: byField.number, eventId: byField.eventId, form: byField.number || byField.eventId ? undefined : err.detail });
      } else if (err instanceof ApiError && err.code === "phone_number_taken") {
        setErrors({ number: err.detail });
      } else {
        setErrors({ form: err instanceof ApiError ? err.detail : "The mapping could not be saved." });
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: phoneNumbersKey }),
  });

  const remove = useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/phone-numbers/${id}`, { method: "DELETE" }),
    onMutate: async (id) => {
      setRemoving(null);
      await queryClient.cancelQueries({ queryKey: phoneNumbersKey });
      const previous = queryClient.getQueryData<Page>(phoneNumbersKey);
      queryClient.setQueryData<Page>(phoneNumbersKey, (old) => old && { ...old, data: old.data.filter((p) => p.id !== id) });
      return { previous };
    },
    onError: (err, _id, context) => {
      if (context?.previous) queryClient.setQueryData(phoneNumbersKey, context.previous);
      toast("error", `The mapping was not removed: ${err instanceof ApiError ? err.detail : "try again."}`);
    },
    onSuccess: () => toast("success", "Mapping removed."),
    onSettled: () => queryClient.invalidateQueries({ queryKey: phoneNumbersKey }),
  });

  return (
    <div className="grid gap-5">
      {list.isPending ? (
        <p role="status" className="text-sm text-slate-500">
          Loading numbers…
        </p>
      ) : list.isError ? (
        <Alert>Could not load the numbers: {list.error.message}</Alert>
      ) : list.data.data.length === 0 ? (
        <EmptyState title="No numbers yet">Add a number below, then messages to it are answered by the concierge for its event.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="phone-numbers">
          {list.data.data.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5">
              <span className="min-w-0">
                <span className="block font-mono text-sm font-medium text-slate-900">{p.number}</span>
                <span className="block truncate text-sm text-slate-600">{titleOf(p.eventId)}</span>
              </span>
              <button type="button" className={buttonClass("danger", "px-2.5 py-1.5")} onClick={() => setRemoving(p)}>
                Remove<span className="sr-only"> {p.number}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {open.length === 0 ? (
        <Alert tone="info">Create an event first: every number answers for one event.</Alert>
      ) : (
        <form
          className="flex flex-wrap items-start gap-3"
          aria-label="Add a phone number"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!number.trim()) {
              setErrors({ number: "Enter the number attendees write to." });
              return;
            }
            add.mutate();
          }}
        >
          <Field
            label="Number"
            name="number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            placeholder="+14155238886"
            hint="E.164 with the country code; whatsapp:+… works too (one mapping serves SMS and WhatsApp)."
            error={errors.number}
            inputMode="tel"
            autoComplete="off"
            className="min-w-56 flex-1"
          />
          <SelectField label="Event" name="eventId" value={eventId} onChange={(e) => setEventId(e.target.value)} options={open.map((e) => ({ value: e.id, label: e.title }))} error={errors.eventId} className="min-w-48 flex-1" />
          <button type="submit" className={buttonClass("primary", "sm:mt-7")} disabled={add.isPending}>
            {add.isPending ? "Adding…" : "Add number"}
          </button>
          {errors.form && (
            <div className="basis-full">
              <Alert>{errors.form}</Alert>
            </div>
          )}
        </form>
      )}

      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id)}
        title={`Remove ${removing?.number ?? "this number"}?`}
        confirmLabel="Remove mapping"
        variant="danger"
      >
        Messages to this number will be stored as unmapped and get no answer until it is mapped again.
      </ConfirmDialog>
    </div>
  );
}
