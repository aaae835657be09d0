import Link from "next/link";

/** The frame of the attendee's ticket pages: a centred card on the brand gradient, like the invitation page. */
export function TicketShell({ organizationName, children }: { organizationName: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center bg-gradient-to-b from-brand-50 to-white px-4 py-8 sm:py-12">
      <p className="mb-6 text-center text-sm text-slate-500">
        <span className="font-semibold text-slate-700">{organizationName}</span> · tickets by{" "}
        <Link href="/" className="font-semibold text-brand-700 hover:underline">
          Eventline
        </Link>
      </p>
      <main className="w-full max-w-md rounded-2xl border border-slate-200 bg-white shadow-sm">{children}</main>
    </div>
  );
}
