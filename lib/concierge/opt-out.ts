import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Whether a recipient said STOP, as a boolean SQL expression over a message's columns: the messaging channel asks it
 * in the statement that claims a message for sending (captured mode included), so every send costs one round trip.
 * STOP sets a conversation's `optedOut`, START clears it (./inbound.ts). Opt-out is per organization (its numbers)
 * and channel; a message that belongs to no organization is held back if the phone opted out of that channel anywhere.
 */
export function optedOutSql(to: Prisma.Sql, channel: Prisma.Sql, organizationId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM conversations oc WHERE oc.phone = ${to} AND oc.channel = ${channel} AND oc."optedOut"
    AND (${organizationId} IS NULL OR oc."organizationId" = ${organizationId}))`;
}
