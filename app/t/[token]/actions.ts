"use server";
import { redirect } from "next/navigation";
import { failure, formObject, type ActionResult } from "@/lib/actions/action";
import { TICKET_TOKEN } from "@/lib/events/public";
import { cancelByTicket } from "@/lib/registrations/service";
import { requestIdFrom } from "@/lib/request-id";

/** The attendee's own cancellation (the confirmation step at /t/<token>/cancel). The ticket token is the credential. */
export async function cancelTicketAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const token = formObject(form).token ?? "";
  try {
    await cancelByTicket(token);
  } catch (error) {
    return failure(error, requestIdFrom(null));
  }
  // Only a token of the expected shape reaches here (cancelByTicket refuses others), so the path is safe to build.
  redirect(TICKET_TOKEN.test(token) ? `/t/${token}?cancelled=1` : "/");
}
