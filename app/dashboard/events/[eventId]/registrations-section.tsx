import Link from "next/link";
import { cancelRegistrationAction, checkInAction } from "@/app/dashboard/events/actions";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { Badge, Card, EmptyState } from "@/components/ui/feedback";
import { Field } from "@/components/ui/field";
import { can, type Role } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/principal";
import type { EventDto } from "@/lib/events/service";
import { listRegistrations } from "@/lib/registrations/service";
import { formatInZone } from "@/lib/time";

export type RegistrationSearch = { q?: string; status?: string; cursor?: string };

/** The event page's registrations (search, status filter, check-in, cancel) for members who may see attendees. */
export async function RegistrationsSection({ caller, role, event, search }: { caller: Caller; role: Role; event: EventDto; search: RegistrationSearch }) {
  const eventId = event.id;
  const status = search.status === "confirmed" || search.status === "waitlisted" || search.status === "cancelled" ? search.status : undefined;
  const registrations = await listRegistrations(caller, eventId, { limit: 50, q: search.q || undefined, status, cursor: search.cursor });
  const organization = { role };
  const when = (at: Date) => formatInZone(at, event.timezone, { dateStyle: "medium", timeStyle: "short" });
  const time = (at: Date) => formatInZone(at, event.timezone, { timeStyle: "short" });
  return (
    <>
          <Card
            title="Registrations"
            actions={
              <a href={`/api/v1/events/${eventId}/registrations.csv`} className={buttonClass("secondary")}>
                Export CSV
              </a>
            }
          >
            <form className="mb-4 flex flex-wrap items-end gap-2" role="search">
              <Field label="Search" name="q" defaultValue={search.q} placeholder="Name or email" className="min-w-56 flex-1" />
              <select name="status" defaultValue={status ?? ""} aria-label="Status" className="rounded-lg border border-slate-300 bg-white px-2.5 py-2 text-sm">
                <option value="">All statuses</option>
                <option value="confirmed">Confirmed</option>
                <option value="waitlisted">Waitlisted</option>
                <option value="cancelled">Cancelled</option>
              </select>
              <button type="submit" className={buttonClass("secondary")}>
                Filter
              </button>
            </form>
            {registrations.data.length === 0 ? (
              <EmptyState title={search.q || status ? "No registrations match" : "No registrations yet"}>
                {event.status === "draft" ? "Publish the event to open registration." : `Share /e/${event.slug} to let people register.`}
              </EmptyState>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="registrations">
                  <thead className="text-xs text-slate-500 uppercase">
                    <tr>
                      <th className="py-2 pr-4 font-medium">Name</th>
                      <th className="py-2 pr-4 font-medium">Email</th>
                      <th className="py-2 pr-4 font-medium">Status</th>
                      <th className="py-2 pr-4 font-medium">Registered</th>
                      <th className="py-2 font-medium">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {registrations.data.map((r) => (
                      <tr key={r.id} className="align-middle">
                        <td className="py-2 pr-4 font-medium text-slate-900">{r.name}</td>
                        <td className="py-2 pr-4 text-slate-600">{r.email}</td>
                        <td className="py-2 pr-4">
                          <Badge tone={r.status === "confirmed" ? "emerald" : r.status === "waitlisted" ? "amber" : "slate"}>{r.status === "waitlisted" ? `waitlist #${r.waitlistPosition}` : r.status}</Badge>
                          {r.checkedInAt && <span className="ml-2 text-xs text-emerald-700">checked in {time(r.checkedInAt)}</span>}
                        </td>
                        <td className="py-2 pr-4 whitespace-nowrap text-slate-600">{when(r.createdAt)}</td>
                        <td className="py-2">
                          <div className="flex justify-end gap-2">
                            {r.status === "confirmed" && !r.checkedInAt && can(organization.role, "checkin") && <ActionForm action={checkInAction} submit="Check in" variant="secondary" hidden={{ registrationId: r.id }} />}
                            {r.status !== "cancelled" && can(organization.role, "attendees.manage") && <ActionForm action={cancelRegistrationAction} submit="Cancel" variant="ghost" hidden={{ registrationId: r.id }} confirm={`Cancel ${r.name}'s registration?`} />}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {registrations.nextCursor && (
              <Link className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline" href={`?${new URLSearchParams({ ...(search.q ? { q: search.q } : {}), ...(status ? { status } : {}), cursor: registrations.nextCursor }).toString()}`}>
                Next page →
              </Link>
            )}
          </Card>
    </>
  );
}
