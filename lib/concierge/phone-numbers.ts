import "server-only";
import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { audit, type AuditContext } from "@/lib/audit/log";
import { actorOf, requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { publishChange } from "@/lib/realtime/publish";
import { findEvent } from "@/lib/events/service";
import { newId } from "@/lib/ids";
import { phoneNumberSchema } from "./phone";

/**
 * The organization's inbound numbers (SMS numbers, WhatsApp senders), each answering for one event. A number is
 * unique across all organizations: the inbound webhook only knows the number written to.
 */
export const createPhoneNumberInput = z.object({
  number: phoneNumberSchema.describe("E.164, e.g. +14155238886; a `whatsapp:` prefix is accepted and dropped (one mapping serves both channels)"),
  eventId: z.string().min(1).max(100),
});
export const listPhoneNumbersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

export type PhoneNumberDto = { id: string; number: string; eventId: string; createdAt: Date };
const dto = (p: PhoneNumberDto): PhoneNumberDto => ({ id: p.id, number: p.number, eventId: p.eventId, createdAt: p.createdAt });

export async function listPhoneNumbers(caller: Caller, page: z.output<typeof listPhoneNumbersQuery>): Promise<{ data: PhoneNumberDto[]; nextCursor: string | null }> {
  requirePermission(caller, "settings.manage");
  const rows = await db.phoneNumber.findMany({
    where: { organizationId: caller.organizationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const data = rows.slice(0, page.limit).map(dto);
  return { data, nextCursor: rows.length > page.limit ? data[data.length - 1]!.id : null };
}

export async function createPhoneNumber(caller: Caller, input: z.input<typeof createPhoneNumberInput>, context: AuditContext = {}): Promise<PhoneNumberDto> {
  requirePermission(caller, "settings.manage");
  const data = createPhoneNumberInput.parse(input);
  await findEvent(caller, data.eventId);
  try {
    return dto(
      await db.$transaction(async (tx) => {
        const created = await tx.phoneNumber.create({ data: { id: newId("pnm"), organizationId: caller.organizationId, eventId: data.eventId, number: data.number } });
        await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "phone_number.mapped", target: { type: "phone_number", id: created.id }, data: { eventId: data.eventId } }, context, tx);
        await publishChange(caller.organizationId, "organization", caller.organizationId, tx);
        return created;
      }),
    );
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("phone_number_taken", 409, "This number is already mapped to an event. Remove that mapping first.");
    throw error;
  }
}

export async function deletePhoneNumber(caller: Caller, phoneNumberId: string, context: AuditContext = {}): Promise<void> {
  requirePermission(caller, "settings.manage");
  await db.$transaction(async (tx) => {
    const { count } = await tx.phoneNumber.deleteMany({ where: { id: phoneNumberId, organizationId: caller.organizationId } });
    if (count === 0) throw notFound("phone number");
    await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "phone_number.unmapped", target: { type: "phone_number", id: phoneNumberId } }, context, tx);
    // The settings changed; every process also forgets which event the number answered for (./facts.ts).
    await publishChange(caller.organizationId, "organization", caller.organizationId, tx);
  });
}
