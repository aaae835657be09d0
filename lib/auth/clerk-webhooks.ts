import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { clerkProfile, upsertClerkUser } from "./clerk";

/**
 * Applies a verified Clerk webhook event to our users table. Idempotent (applying an event twice changes nothing) and
 * safe out of order: each user event carries Clerk's `updated_at`, which we keep as the row's `updatedAt`; an event
 * older than the row is skipped, so a late `user.created` never clobbers a newer `user.updated`, and an `updated` that
 * arrives before its `created` simply creates the user. A user deleted at Clerk is not brought back by a late event.
 */

export type ClerkEvent = { type: string; data: unknown };
export type ApplyOutcome = "processed" | "ignored";

const userData = z.object({
  id: z.string().min(1),
  primary_email_address_id: z.string().nullish(),
  email_addresses: z
    .array(z.object({ id: z.string(), email_address: z.string(), verification: z.object({ status: z.string() }).nullish() }))
    .nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  username: z.string().nullish(),
  updated_at: z.number(),
});
const deletedData = z.object({ id: z.string().min(1) });

export async function applyClerkEvent(event: ClerkEvent): Promise<ApplyOutcome> {
  switch (event.type) {
    case "user.created":
    case "user.updated":
      return applyUser(userData.parse(event.data));
    case "user.deleted": {
      const { id } = deletedData.parse(event.data);
      await db.user.deleteMany({ where: { clerkUserId: id } }); // memberships and sessions cascade
      return "processed";
    }
    default:
      return "ignored";
  }
}

async function applyUser(data: z.infer<typeof userData>): Promise<ApplyOutcome> {
  if (await deletedAtClerk(data.id)) return "ignored";
  let profile;
  try {
    profile = clerkProfile({
      id: data.id,
      primaryEmailAddressId: data.primary_email_address_id,
      emailAddresses: (data.email_addresses ?? []).map((address) => ({
        id: address.id,
        emailAddress: address.email_address,
        verified: address.verification?.status === "verified",
      })),
      firstName: data.first_name,
      lastName: data.last_name,
      username: data.username,
      updatedAt: data.updated_at,
    });
  } catch (error) {
    // A user without an email (e.g. phone-only sign-up) cannot be an Eventline user: nothing to sync, and no retry.
    if (error instanceof AppError && error.code === "clerk_user_without_email") return "ignored";
    throw error;
  }
  await upsertClerkUser(profile, { overwrite: true });
  return "processed";
}

/** Whether a `user.deleted` event for this Clerk user was already applied (Clerk never reuses user ids). */
async function deletedAtClerk(clerkUserId: string): Promise<boolean> {
  const found = await db.webhookEvent.findFirst({
    where: { provider: "clerk", topic: "user.deleted", status: "processed", rawBody: { contains: JSON.stringify(clerkUserId) } },
    select: { id: true },
  });
  return found !== null;
}
