import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Ticket not found" };

/**
 * A ticket link that leads nowhere. Besides a mistyped link, this is what an old email's link shows after its
 * registration was cancelled and made again: registering again issues a new ticket link (the old one could otherwise
 * still cancel the new registration), sent in the newest email.
 */
export default function TicketNotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-medium text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">This ticket link does not work</h1>
      <p className="mt-2 text-slate-600">
        Check that the whole link was copied. If you cancelled and registered again, your new ticket is in the most recent email we sent you; older links stop working.
      </p>
      <Link href="/" className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Back to the home page
      </Link>
    </main>
  );
}
