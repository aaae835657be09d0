"use client";
import { useActionState, useState } from "react";
import { createApiKeyAction } from "@/app/dashboard/actions";
import { idleState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

/** Creates a key and shows its secret this one time, with a copy button. */
export function CreateApiKey() {
  const [state, action] = useActionState(createApiKeyAction, idleState);
  const [copied, setCopied] = useState(false);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  const created = state.ok ? (state.data as { secret: string; name: string } | undefined) : undefined;
  return (
    <div className="flex flex-col gap-4">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <Field label="Name" name="name" required placeholder="Zapier, CRM sync…" className="min-w-56 flex-1" error={errors.name} />
        <SelectField
          label="Scope"
          name="scope"
          defaultValue="read"
          options={[
            { value: "read", label: "Read only" },
            { value: "read_write", label: "Read and write" },
          ]}
          error={errors.scope}
        />
        <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
      </form>
      <FormMessage state={state} />
      {created && (
        <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-4" role="status">
          <p className="text-sm font-medium text-emerald-900">Key “{created.name}” created. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code data-testid="new-api-key" className="rounded bg-white px-2 py-1 font-mono text-sm break-all text-slate-900">
              {created.secret}
            </code>
            <button
              type="button"
              className="rounded-lg border border-emerald-300 bg-white px-2.5 py-1 text-sm text-emerald-800 hover:bg-emerald-100"
              onClick={() => void navigator.clipboard?.writeText(created.secret).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
