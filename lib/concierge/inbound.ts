import "server-only";
import { changeCte, notified } from "@/lib/realtime/publish";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { createOnce, handOff } from "@/lib/delivery";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma, type Conversation, type ConversationMessage } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/log";
import { newMessage, queueMessagesCte, requestMessageDelivery } from "@/lib/messaging/service";
import { ticketLinks } from "@/lib/registrations/notifications";
import { cancelByTicket, registerForEvent, registerInput } from "@/lib/registrations/service";
import { conciergeEvent, numberMapping, type ConciergeEvent } from "./facts";
import { bestFaq } from "./faq-search";
import { groundedMessages, HANDOFF } from "./grounding";
import { detectIntent, isAbort, isNo, isYes, normalize, type Intent } from "./intents";
import { configuredLlm, type LlmClient } from "./llm";
import { phoneNumberSchema } from "./phone";
import { agendaAnswer, eventTimeAnswer, keynoteAnswer, sessionTimeAnswer, span, venueAnswer } from "./schedule";

/**
 * The concierge's entry point: the webhook inbox calls it for each inbound Twilio message (SMS or WhatsApp).
 *
 * Idempotent and safe to retry after a crash at any point, in two statements on the usual path (decision 101):
 *   1. intake: the inbound message is stored once per MessageSid, in its conversation;
 *   2. the reply is decided from the conversation's state (side effects — a registration, a cancellation — are
 *      idempotent themselves, so deciding again after a crash does no harm);
 *   3. settle, all at once: the new conversation state (guarded by the conversation's `version`, so two messages of
 *      one attendee processed at once cannot both move the state: the loser decides again from the new state), the
 *      message marked handled with its reply texts, the replies queued through the messaging channel (keys derived
 *      from the MessageSid) and linked into the thread, and the thread's live change.
 * A retry that finds the message handled only queues its stored replies, which the keys make a no-op.
 */
export type InboundMessage = { messageSid: string; from: string; to: string; body: string; channel: "sms" | "whatsapp"; receivedAt: Date };
export type InboundOutcome = {
  status: "replied" | "unmapped" | "opted_out" | "duplicate" | "needs_human";
  conversationId: string | null;
  /** The organization the conversation belongs to (null for a number no event is mapped to). */
  organizationId: string | null;
  replyMessageIds: string[];
};
export type InboundOptions = {
  /** Hands a queued reply to the send-message job (default: queueMessage's own hand-off). */
  send?: (messageId: string) => Promise<unknown>;
  /** The LLM for questions nothing else answers (default: from LLM_BASE_URL / LLM_API_KEY; null: none). */
  llm?: LlmClient | null;
};

const inboundSchema = z.object({
  messageSid: z.string().trim().min(1).max(64),
  from: phoneNumberSchema,
  to: phoneNumberSchema,
  body: z.string().max(10_000),
  channel: z.enum(["sms", "whatsapp"]),
  receivedAt: z.date(),
});

/** The multi-turn flows; anything else in the column reads as idle. */
const stateSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("idle") }),
  z.object({ state: z.literal("register_name") }),
  z.object({ state: z.literal("register_email"), name: z.string() }),
  z.object({ state: z.literal("cancel_confirm"), registrationId: z.string() }),
]);
type State = z.infer<typeof stateSchema>;
const stateOf = (c: Conversation): State => stateSchema.safeParse({ ...(c.stateData as object), state: c.state }).data ?? { state: "idle" };

type Status = "replied" | "opted_out" | "needs_human";
type Decision = { status: Status; intent: string; replies: string[]; state: State; optedOut?: boolean; needsHuman?: string };
type StoredReplies = { status: Status; texts: string[] };

export async function handleInboundMessage(message: InboundMessage, options: InboundOptions = {}): Promise<InboundOutcome> {
  const input = inboundSchema.parse(message);
  const mapping = await numberMapping(input.to);

  if (!mapping) {
    const base = { direction: "inbound" as const, channel: input.channel, from: input.from, to: input.to, body: input.body, messageSid: input.messageSid, createdAt: input.receivedAt };
    const { created } = await createOnce(
      () => db.conversationMessage.findUnique({ where: { messageSid: input.messageSid } }),
      () => db.conversationMessage.create({ data: { ...base, id: newId("cmg"), flag: "unmapped", handledAt: new Date() } }),
    );
    if (created) logger.warn({ channel: input.channel, messageSid: input.messageSid }, "inbound message to a number no event is mapped to");
    return { status: created ? "unmapped" : "duplicate", conversationId: null, organizationId: null, replyMessageIds: [] };
  }

  const { conversation, inbound: storedNow } = await intake(mapping, input);
  // Stored before (a retry, a replay, a crash mid-way): handled → only queue what was decided; otherwise carry on.
  const inbound = storedNow ?? (await db.conversationMessage.findUniqueOrThrow({ where: { messageSid: input.messageSid } }));
  if (inbound.handledAt) return settle(conversation, inbound, null, options, "duplicate");

  let current = conversation;
  for (let attempt = 0; attempt < 5; attempt++) {
    const decision = await decide(current, mapping.eventId, input, options);
    const outcome = await settle(current, inbound, decision, options, decision.status);
    if (outcome !== "stale") return outcome;
    current = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } }); // moved meanwhile: decide again
  }
  throw new AppError("conversation_busy", 409, "The conversation kept changing while this message was processed; retry.");
}

/**
 * Stores the inbound message once per MessageSid, in its conversation (created on the attendee's first message), in
 * one statement. `inbound` is null when the MessageSid was stored before.
 */
async function intake(mapping: { organizationId: string; eventId: string }, input: z.output<typeof inboundSchema>): Promise<{ conversation: Conversation; inbound: ConversationMessage | null }> {
  const messageId = newId("cmg");
  const [row] = await db.$queryRaw<(Conversation & { storedNow: boolean })[]>`
    WITH conversation AS (
      INSERT INTO conversations AS c (id, "organizationId", "eventId", phone, channel, "ourNumber", "lastMessageAt", "updatedAt")
      VALUES (${newId("cnv")}, ${mapping.organizationId}, ${mapping.eventId}, ${input.from}, ${input.channel}::"MessageChannel", ${input.to}, ${input.receivedAt}::timestamp(3), now())
      ON CONFLICT ("organizationId", phone, channel) DO UPDATE SET "eventId" = EXCLUDED."eventId", "ourNumber" = EXCLUDED."ourNumber",
        "lastMessageAt" = GREATEST(c."lastMessageAt", EXCLUDED."lastMessageAt"), "updatedAt" = now()
      RETURNING c.*
    ), stored AS (
      INSERT INTO conversation_messages (id, "organizationId", "conversationId", direction, channel, "from", "to", body, "messageSid", "createdAt")
      SELECT ${messageId}, ${mapping.organizationId}, conversation.id, 'inbound', ${input.channel}::"MessageChannel", ${input.from}, ${input.to}, ${input.body}, ${input.messageSid}, ${input.receivedAt}::timestamp(3)
      FROM conversation
      ON CONFLICT ("messageSid") DO NOTHING
      RETURNING id
    )
    SELECT conversation.*, EXISTS (SELECT 1 FROM stored) AS "storedNow" FROM conversation`;
  const { storedNow, ...conversation } = row!;
  const inbound: ConversationMessage | null = storedNow
    ? { id: messageId, organizationId: mapping.organizationId, conversationId: conversation.id, direction: "inbound", channel: input.channel, from: input.from, to: input.to, body: input.body, messageSid: input.messageSid, outboundMessageId: null, intent: null, flag: null, replies: null, handledAt: null, sentById: null, createdAt: input.receivedAt }
    : null;
  return { conversation, inbound };
}

/**
 * One statement that settles an inbound message, so a crash leaves it either untouched or finished:
 *   - with a `decision`: the conversation's state moves from the version it was decided on, and the message is marked
 *     handled with the reply texts — or nothing happens, "stale" (the conversation moved: decide again) or, when the
 *     message was handled meanwhile, the stored outcome is reported as a duplicate;
 *   - the stored reply texts are queued through the messaging channel (keys from the MessageSid, so a retry finds them
 *     queued) and linked into the thread, and the thread's change is published.
 * Without a decision (a message handled before) only the second part runs, which is a no-op when it ran already.
 */
async function settle(conversation: Conversation, inbound: ConversationMessage, decision: null, options: InboundOptions, status: "duplicate"): Promise<InboundOutcome>;
async function settle(conversation: Conversation, inbound: ConversationMessage, decision: Decision, options: InboundOptions, status: Status): Promise<InboundOutcome | "stale">;
async function settle(conversation: Conversation, inbound: ConversationMessage, decision: Decision | null, options: InboundOptions, status: InboundOutcome["status"]): Promise<InboundOutcome | "stale"> {
  const texts = decision ? decision.replies : ((inbound.replies ?? { texts: [] }) as StoredReplies).texts;
  const replies = texts.map((body, index) =>
    newMessage({ organizationId: conversation.organizationId, channel: inbound.channel, to: inbound.from, from: inbound.to, body, idempotencyKey: `concierge-${inbound.messageSid}-${index}` }),
  );
  const keys = replies.map((reply) => reply.idempotencyKey);
  const links = replies.map(() => newId("cmg"));
  let decided = Prisma.empty;
  let guard = Prisma.sql`true`;
  if (decision) {
    const { state, ...stateData } = decision.state;
    const optedOut = decision.optedOut === undefined ? Prisma.empty : Prisma.sql`, "optedOut" = ${decision.optedOut}, "optedOutAt" = ${decision.optedOut ? Prisma.sql`now()` : Prisma.sql`NULL`}`;
    const needsHuman = decision.needsHuman ? Prisma.sql`, "needsHuman" = true, "needsHumanReason" = ${decision.needsHuman}` : Prisma.empty;
    const stored: StoredReplies = { status: decision.status, texts: decision.replies };
    decided = Prisma.sql`moved AS (
        UPDATE conversations SET state = ${state}, "stateData" = ${JSON.stringify(stateData)}::jsonb, version = version + 1, "updatedAt" = now() ${optedOut} ${needsHuman}
        WHERE id = ${conversation.id} AND version = ${conversation.version}
          AND EXISTS (SELECT 1 FROM conversation_messages WHERE id = ${inbound.id} AND "handledAt" IS NULL)
        RETURNING id
      ), marked AS (
        UPDATE conversation_messages SET "handledAt" = now(), intent = ${decision.intent}, replies = ${JSON.stringify(stored)}::jsonb
        WHERE id = ${inbound.id} AND "handledAt" IS NULL AND EXISTS (SELECT 1 FROM moved)
        RETURNING id
      ),`;
    guard = Prisma.sql`EXISTS (SELECT 1 FROM marked)`;
  }
  const [row] = await db.$queryRaw<{ marked: boolean; handledBefore: boolean; queuedNow: string[]; replyIds: (string | null)[]; linked: number }[]>`
    WITH ${decided} ${queueMessagesCte("queued", replies, guard)},
    linked AS (
      INSERT INTO conversation_messages (id, "organizationId", "conversationId", direction, channel, "from", "to", body, "outboundMessageId", "createdAt")
      SELECT l."linkId", ${conversation.organizationId}, ${conversation.id}, 'outbound', ${inbound.channel}::"MessageChannel", ${inbound.to}, ${inbound.from}, q.body, q.id,
             now() + (l.n - 1) * interval '1 millisecond'
      FROM (SELECT id, body, "idempotencyKey" FROM queued UNION ALL SELECT id, body, "idempotencyKey" FROM outbound_messages WHERE "idempotencyKey" = ANY(${keys}::text[])) q
      JOIN unnest(${keys}::text[], ${links}::text[]) WITH ORDINALITY AS l(key, "linkId", n) ON l.key = q."idempotencyKey"
      WHERE ${guard}
      ON CONFLICT ("outboundMessageId") DO NOTHING
      RETURNING id
    ), ${changeCte("change", conversation.organizationId, "conversation", conversation.id, decision ? guard : Prisma.sql`EXISTS (SELECT 1 FROM linked)`)}
    SELECT ${decision ? Prisma.sql`EXISTS (SELECT 1 FROM marked)` : Prisma.sql`true`} AS marked,
      EXISTS (SELECT 1 FROM conversation_messages WHERE id = ${inbound.id} AND "handledAt" IS NOT NULL) AS "handledBefore",
      array(SELECT id FROM queued) AS "queuedNow",
      array(SELECT coalesce(q.id, o.id) FROM unnest(${keys}::text[]) WITH ORDINALITY AS k(key, n)
            LEFT JOIN queued q ON q."idempotencyKey" = k.key LEFT JOIN outbound_messages o ON o."idempotencyKey" = k.key ORDER BY k.n) AS "replyIds",
      (SELECT count(*) FROM linked)::int AS linked,
      ${notified("change")} AS notified`;
  const result = row!;
  if (!result.marked) {
    // Not committed: the conversation moved (decide again), or another run handled the message (report its outcome).
    if (!result.handledBefore) return "stale";
    return settle(conversation, await db.conversationMessage.findUniqueOrThrow({ where: { id: inbound.id } }), null, options, "duplicate");
  }
  for (const id of result.queuedNow) await handOff("message", id, options.send ?? requestMessageDelivery);
  const replyMessageIds = result.replyIds.filter((id): id is string => id !== null);
  // A retry that had to queue what a crashed run decided reports that run's outcome; otherwise it is a duplicate.
  const storedStatus = ((inbound.replies ?? { status: "replied" }) as StoredReplies).status;
  return { status: status === "duplicate" && result.linked > 0 ? storedStatus : status, conversationId: conversation.id, organizationId: conversation.organizationId, replyMessageIds };
}

// ---- Deciding ---------------------------------------------------------------------------------------------------

type Context = {
  conversation: Conversation;
  input: z.output<typeof inboundSchema>;
  event: ConciergeEvent;
  options: InboundOptions;
};
const IDLE: State = { state: "idle" };
const reply = (intent: string, text: string, state: State = IDLE): Decision => ({ status: "replied", intent, replies: [text], state });

async function decide(conversation: Conversation, eventId: string, input: z.output<typeof inboundSchema>, options: InboundOptions): Promise<Decision> {
  const row = await conciergeEvent(eventId);
  const context: Context = { conversation, input, options, event: row };
  const text = input.body;
  const intent = detectIntent(text);

  if (conversation.optedOut) {
    if (intent.kind === "start" || normalize(text) === "yes") {
      return { ...reply("start", `You're subscribed again to messages about ${row.title}. Reply HELP for what I can do, STOP to unsubscribe.`), optedOut: false };
    }
    return { status: "opted_out", intent: "opted_out", replies: [], state: stateOf(conversation) };
  }
  if (intent.kind === "stop") return { status: "opted_out", intent: "stop", replies: [], state: IDLE, optedOut: true };

  const state = stateOf(conversation);
  if (state.state !== "idle") {
    const handled = await continueFlow(context, state, text);
    if (handled) return handled;
  }
  return answer(context, intent);
}

/** The next step of a multi-turn flow, or null when the message leaves the flow (then it is answered afresh). */
async function continueFlow(context: Context, state: State, text: string): Promise<Decision | null> {
  const { event } = context;
  switch (state.state) {
    case "register_name": {
      if (isAbort(text)) return reply("register", "Okay, I've stopped the registration. Reply REGISTER any time to start again.");
      const name = registerInput.shape.name.safeParse(text);
      if (!name.success || /@/.test(text)) return reply("register", "Please send your full name (or CANCEL to stop).", state);
      const known = await knownAttendee(context);
      if (known?.email) return register(context, name.data, known.email);
      return reply("register", `Thanks, ${name.data}! What email address should we send your ticket to?`, { state: "register_email", name: name.data });
    }
    case "register_email": {
      if (isAbort(text)) return reply("register", "Okay, I've stopped the registration. Reply REGISTER any time to start again.");
      const candidate = /[^\s<>,;]+@[^\s<>,;]+/.exec(text)?.[0] ?? text;
      const email = registerInput.shape.email.safeParse(candidate.replace(/[.)]+$/, ""));
      if (!email.success) return reply("register", "That doesn't look like an email address. Please send it like name@example.com (or CANCEL to stop).", state);
      return register(context, state.name, email.data);
    }
    case "cancel_confirm": {
      if (isYes(text)) {
        const registration = await db.registration.findFirst({ where: { id: state.registrationId, organizationId: event.organizationId, phone: context.input.from } });
        if (!registration || registration.status === "cancelled") return reply("cancel", `Your registration for ${event.title} is already cancelled.`);
        await cancelByTicket(registration.ticketToken);
        return reply("cancel", `Done: your registration for ${event.title} is cancelled. Reply REGISTER if you change your mind.`);
      }
      if (isNo(text)) return reply("cancel", `Okay, your registration for ${event.title} stays as it is.`);
      return null;
    }
    case "idle":
      return null;
  }
}

async function answer(context: Context, intent: Intent): Promise<Decision> {
  const { event } = context;
  switch (intent.kind) {
    case "help":
    case "start":
      return reply(
        "help",
        `Hi! I'm the concierge for ${event.title} (${span(event.startsAt, event.endsAt, event.timezone)}). Ask me anything, e.g. "What time is the keynote?" or "Where is it?". ` +
          `Reply SCHEDULE for the agenda, REGISTER to sign up, TICKET for your ticket, CANCEL to cancel, STOP to stop messages.`,
      );
    case "keynote":
      return reply("schedule", keynoteAnswer(event));
    case "agenda":
      return reply("schedule", agendaAnswer(event));
    case "venue":
      return reply("schedule", venueAnswer(event));
    case "event_time":
      return reply("schedule", eventTimeAnswer(event));
    case "session_time": {
      const text = sessionTimeAnswer(event, intent.subject);
      if (text) return reply("schedule", text);
      return otherwise(context);
    }
    case "ticket": {
      const registration = await registrationOf(context);
      if (!registration) return reply("ticket", `I can't find a registration for ${event.title} with this number. Reply REGISTER to sign up.`);
      const { ticketUrl } = ticketLinks(registration.ticketToken);
      return reply(
        "ticket",
        registration.status === "confirmed"
          ? `Your ticket for ${event.title}, ${registration.name}: ${ticketUrl}`
          : `You're on the waitlist for ${event.title}; we'll tell you when a seat frees up. Your ticket page: ${ticketUrl}`,
      );
    }
    case "register": {
      const existing = await registrationOf(context);
      if (existing) return reply("register", registeredText(event, existing));
      const known = await knownAttendee(context);
      if (known?.name && known.email) return register(context, known.name, known.email);
      if (known?.name) return reply("register", `Let's get you registered for ${event.title}, ${known.name}. What email address should we send your ticket to?`, { state: "register_email", name: known.name });
      return reply("register", `Great, let's get you registered for ${event.title} (${span(event.startsAt, event.endsAt, event.timezone)}). What's your full name?`, { state: "register_name" });
    }
    case "cancel": {
      const registration = await registrationOf(context);
      if (!registration) return reply("cancel", `I can't find a registration for ${event.title} with this number, so there is nothing to cancel.`);
      return reply("cancel", `Cancel the registration of ${registration.name} for ${event.title}? Reply YES to cancel or NO to keep it.`, { state: "cancel_confirm", registrationId: registration.id });
    }
    case "stop":
    case "other":
      return otherwise(context);
  }
}

/** Anything the rules do not cover: an FAQ above the relevance threshold, else the LLM, else a person. */
async function otherwise(context: Context): Promise<Decision> {
  const { event, input } = context;
  const faq = await bestFaq(event.organizationId, event.id, input.body);
  if (faq) return reply("faq", faq.answer);
  const llm = context.options.llm === undefined ? configuredLlm() : context.options.llm;
  let reason = "no_answer";
  if (llm) {
    const result = await llm.complete(groundedMessages(event, input.body));
    if (result.kind === "answer" && !result.text.toUpperCase().includes(HANDOFF)) return reply("llm", result.text);
    reason = result.kind === "answer" ? "llm_handoff" : `llm_${result.reason}`;
  }
  return {
    status: "needs_human",
    intent: "fallback",
    replies: [`Thanks for your message! I don't have an answer to that, so I've passed it to the ${event.title} team. Someone will reply here soon.`],
    state: IDLE,
    needsHuman: reason,
  };
}

/** This phone's live registration for the event (confirmed or waitlisted), newest first. */
const registrationOf = (context: Context) =>
  db.registration.findFirst({
    where: { organizationId: context.event.organizationId, eventId: context.event.id, phone: context.input.from, status: { in: ["confirmed", "waitlisted"] } },
    orderBy: { createdAt: "desc" },
  });

/** Name and email this phone registered with before (any event of the organization), to ask only what is unknown. */
const knownAttendee = (context: Context) =>
  db.registration.findFirst({ where: { organizationId: context.event.organizationId, phone: context.input.from }, orderBy: { updatedAt: "desc" }, select: { name: true, email: true } });

function registeredText(event: Context["event"], registration: { status: string; name: string; ticketToken: string; waitlistPosition: number | null }): string {
  const { ticketUrl } = ticketLinks(registration.ticketToken);
  return registration.status === "confirmed"
    ? `You're registered for ${event.title}, ${registration.name}! ${span(event.startsAt, event.endsAt, event.timezone)}. Your ticket: ${ticketUrl}`
    : `${event.title} is full, so you're on the waitlist, ${registration.name}. We'll tell you when a seat frees up. Your ticket page: ${ticketUrl}`;
}

/** Registers with this phone and channel as the source; registering again (a retry) finds the same registration. */
async function register(context: Context, name: string, email: string): Promise<Decision> {
  const { event, input } = context;
  try {
    const { registration, outcome } = await registerForEvent(event.id, { name, email, phone: input.from }, input.channel);
    // Someone else's registration (the same email from the web or another phone): never hand out its ticket link.
    if (outcome === "existing" && registration.phone !== input.from) {
      return reply("register", `That email address is already registered for ${event.title}. The ticket is in the confirmation email we sent to it.`);
    }
    return reply("register", registeredText(event, registration));
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return reply("register", `Sorry, I couldn't register you: ${error.detail}`);
    if (error instanceof z.ZodError) {
      return reply("register", `${event.title} asks a few questions when you register, so please register on the event page: ${env.APP_URL.replace(/\/+$/, "")}/e/${event.slug}`);
    }
    throw error;
  }
}
