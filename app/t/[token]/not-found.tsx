import type { Metadata } from "next";
import { NotFoundPage } from "@/components/ui/not-found-page";

export const metadata: Metadata = { title: "Ticket not found" };

/**
 * A ticket link that leads nowhere. Besides a mistyped link, this is what an old email's link shows after its
 * registration was cancelled and made again: registering again issues a new ticket link (the old one could otherwise
 * still cancel the new registration), sent in the newest email.
 */
export default function TicketNotFound() {
  return (
    <NotFoundPage title="This ticket link does not work">
      Check that the whole link was copied. If you cancelled and registered again, your new ticket is in the most recent email we sent you; older links stop working.
    </NotFoundPage>
  );
}
