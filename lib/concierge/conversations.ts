import "server-only";
import { publishChange } from "@/lib/realtime/publish";
import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { type Prisma } from "@/lib/generated/prisma/client";
import { newId, randomToken } from "@/lib/ids";
import { queueMessage } from "@/lib/messaging/service";

/**
 * Conversations for the dashboard and /api/v1: the list (newest activity first, optionally only those needing a
 * person), a thread, a reply by hand (stored and sent through the messaging channel like the concierge's own), and
 * clearing the needs-a-human flag. Every query carries the caller's organizationId.
 */
export const listConversationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
  needsHuman: z.enum(["true", "false"]).transform((v) => v === "true").optional().describe("only conversations that need (true) or do not need (false) a person"),
  eventId: z.string().max(100).optional(),
});
export const listMessagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export const replyInput = z.object({ body: z.string().trim().min(1, "Write a message.").max(1_600) });

export type ConversationDto = {
  id: string;
  eventId: string | null;
  phone: string;
  channel: "sms" | "whatsapp";
  ourNumber: string | null;
  state: string;
  needsHuman: boolean;
  needsHumanReason: string | null;
  optedOut: boolean;
  lastMessageAt: Date;
  createdAt: Date;
  /** The newest message of the thread (for list previews); null before the first one. */
  lastMessage: { direction: "inbound" | "outbound"; body: string; createdAt: Date } | null;
};
const LAST_MESSAGE = { messages: { select: { direction: true, body: true, createdAt: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 } } satisfies Prisma.ConversationInclude;
type ConversationRow = Prisma.ConversationGetPayload<{ include: typeof LAST_MESSAGE }>;
const conversationDto = (c: ConversationRow): ConversationDto => ({
  id: c.id,
  eventId: c.eventId,
  phone: c.phone,
  channel: c.channel,
  ourNumber: c.ourNumber,
  state: c.state,
  needsHuman: c.needsHuman,
  needsHumanReason: c.needsHumanReason,
  optedOut: c.optedOut,
  lastMessageAt: c.lastMessageAt,
  createdAt: c.createdAt,
  lastMessage: c.messages[0] ?? null,
});

export type ConversationMessageDto = {
  id: string;
  direction: "inbound" | "outbound";
  body: string;
  from: string;
  to: string;
  intent: string | null;
  /** Outbound: the delivery status (queued, sent, delivered, failed, captured); inbound: null. */
  status: string | null;
  sentBy: "concierge" | "staff" | null;
  createdAt: Date;
};
type MessageRow = Prisma.ConversationMessageGetPayload<{ include: { outboundMessage: { select: { status: true } } } }>;
const messageDto = (m: MessageRow): ConversationMessageDto => ({
  id: m.id,
  direction: m.direction,
  body: m.body,
  from: m.from,
  to: m.to,
  intent: m.intent,
  status: m.direction === "outbound" ? (m.outboundMessage?.status ?? null) : null,
  sentBy: m.direction === "outbound" ? (m.sentById ? "staff" : "concierge") : null,
  createdAt: m.createdAt,
});

async function findConversation(caller: Caller, conversationId: string): Promise<ConversationRow> {
  const conversation = await db.conversation.findFirst({ where: { id: conversationId, organizationId: caller.organizationId }, include: LAST_MESSAGE });
  if (!conversation) throw notFound("conversation");
  return conversation;
}

export async function listConversations(caller: Caller, query: z.output<typeof listConversationsQuery>): Promise<{ data: ConversationDto[]; nextCursor: string | null }> {
  requirePermission(caller, "conversations.read");
  const rows = await db.conversation.findMany({
    where: { organizationId: caller.organizationId, ...(query.needsHuman === undefined ? {} : { needsHuman: query.needsHuman }), ...(query.eventId ? { eventId: query.eventId } : {}) },
    include: LAST_MESSAGE,
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const data = rows.slice(0, query.limit).map(conversationDto);
  return { data, nextCursor: rows.length > query.limit ? data[data.length - 1]!.id : null };
}

export async function getConversation(caller: Caller, conversationId: string): Promise<ConversationDto> {
  requirePermission(caller, "conversations.read");
  return conversationDto(await findConversation(caller, conversationId));
}

/** The thread, oldest first. */
export async function listConversationMessages(caller: Caller, conversationId: string, query: z.output<typeof listMessagesQuery>): Promise<{ data: ConversationMessageDto[]; nextCursor: string | null }> {
  requirePermission(caller, "conversations.read");
  await findConversation(caller, conversationId);
  const rows = await db.conversationMessage.findMany({
    where: { conversationId, organizationId: caller.organizationId },
    include: { outboundMessage: { select: { status: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const data = rows.slice(0, query.limit).map(messageDto);
  return { data, nextCursor: rows.length > query.limit ? data[data.length - 1]!.id : null };
}

/** A reply by hand. Refused for an attendee who opted out (the channel would refuse it anyway). */
export async function replyToConversation(
  caller: Caller,
  conversationId: string,
  input: z.input<typeof replyInput>,
  send?: (messageId: string) => Promise<unknown>,
): Promise<ConversationMessageDto> {
  requirePermission(caller, "conversations.reply");
  const { body } = replyInput.parse(input);
  const conversation = await findConversation(caller, conversationId);
  if (conversation.optedOut) throw new AppError("opted_out", 409, "This attendee replied STOP: no messages can be sent until they reply START.");
  if (!conversation.ourNumber) throw new AppError("no_sender", 409, "This conversation has no number to reply from.");
  const outbound = await queueMessage(
    { organizationId: caller.organizationId, channel: conversation.channel, to: conversation.phone, from: conversation.ourNumber, body, idempotencyKey: `manual-${conversation.id}-${randomToken(16)}` },
    send,
  );
  const row = await db.conversationMessage.create({
    data: {
      id: newId("cmg"),
      organizationId: caller.organizationId,
      conversationId: conversation.id,
      direction: "outbound",
      channel: conversation.channel,
      from: conversation.ourNumber,
      to: conversation.phone,
      body,
      outboundMessageId: outbound.id,
      sentById: caller.kind === "user" ? caller.userId : caller.keyId,
    },
    include: { outboundMessage: { select: { status: true } } },
  });
  await db.conversation.updateMany({ where: { id: conversation.id, organizationId: caller.organizationId }, data: { lastMessageAt: new Date() } });
  await publishChange(caller.organizationId, "conversation", conversation.id);
  return messageDto(row);
}

/** Clears the needs-a-human flag (the team has taken care of it). */
export async function resolveConversation(caller: Caller, conversationId: string): Promise<ConversationDto> {
  requirePermission(caller, "conversations.reply");
  const { count } = await db.conversation.updateMany({ where: { id: conversationId, organizationId: caller.organizationId }, data: { needsHuman: false, needsHumanReason: null } });
  if (count === 0) throw notFound("conversation");
  await publishChange(caller.organizationId, "conversation", conversationId);
  return conversationDto(await findConversation(caller, conversationId));
}
