import Form from "next/form";
import Link from "next/link";
import { SelectField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button-class";
import { PROVIDER_OPTIONS, providerName, sentenceCase, STATUS_OPTIONS, TOPIC_OPTIONS, type WebhookFilters } from "./types";

const options = (values: readonly string[], any: string, label: (value: string) => string = (v) => v) => [{ value: "", label: any }, ...values.map((v) => ({ value: v, label: label(v) }))];

/** Filters as a GET form (the URL holds them, so a filtered view can be shared and works without JavaScript). */
export function WebhookFilterForm({ filters }: { filters: WebhookFilters }) {
  return (
    <Form action="/dashboard/webhooks" className="flex flex-wrap items-end gap-3" aria-label="Filter deliveries">
      <SelectField label="Provider" name="provider" defaultValue={filters.provider ?? ""} options={options(PROVIDER_OPTIONS, "Any provider", providerName)} className="min-w-36 flex-1 sm:flex-none" />
      <SelectField label="Status" name="status" defaultValue={filters.status ?? ""} options={options(STATUS_OPTIONS, "Any status", sentenceCase)} className="min-w-36 flex-1 sm:flex-none" />
      <SelectField label="Topic" name="topic" defaultValue={filters.topic ?? ""} options={options(TOPIC_OPTIONS, "Any topic")} className="min-w-36 flex-1 sm:flex-none" />
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Apply
        </button>
        {Object.values(filters).some(Boolean) && (
          <Link href="/dashboard/webhooks" className={buttonClass("ghost")}>
            Clear
          </Link>
        )}
      </div>
    </Form>
  );
}
