"use client";
import { useRef } from "react";
import { switchOrganizationAction } from "@/app/dashboard/actions";

/** Switches the current organization (a cookie) and reloads the dashboard. */
export function OrganizationSwitcher({ organizations, currentId }: { organizations: { id: string; name: string; role: string }[]; currentId: string }) {
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={switchOrganizationAction} className="flex items-center gap-2">
      <label htmlFor="organization-switcher" className="sr-only">
        Organization
      </label>
      <select
        id="organization-switcher"
        name="organizationId"
        defaultValue={currentId}
        onChange={() => form.current?.requestSubmit()}
        className="max-w-56 truncate rounded-lg border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm font-medium text-slate-800"
      >
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="text-sm">
          Switch
        </button>
      </noscript>
    </form>
  );
}
