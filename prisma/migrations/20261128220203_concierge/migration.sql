-- CreateEnum
CREATE TYPE "MessageDirection" AS ENUM ('inbound', 'outbound');

-- CreateTable
CREATE TABLE "phone_numbers" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "phone_numbers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "eventId" TEXT,
    "phone" TEXT NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "ourNumber" TEXT,
    "state" TEXT NOT NULL DEFAULT 'idle',
    "stateData" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "needsHuman" BOOLEAN NOT NULL DEFAULT false,
    "needsHumanReason" TEXT,
    "optedOut" BOOLEAN NOT NULL DEFAULT false,
    "optedOutAt" TIMESTAMP(3),
    "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_messages" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT,
    "conversationId" TEXT,
    "direction" "MessageDirection" NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "messageSid" TEXT,
    "outboundMessageId" TEXT,
    "intent" TEXT,
    "flag" TEXT,
    "replies" JSONB,
    "handledAt" TIMESTAMP(3),
    "sentById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "phone_numbers_number_key" ON "phone_numbers"("number");

-- CreateIndex
CREATE INDEX "phone_numbers_organizationId_createdAt_idx" ON "phone_numbers"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "phone_numbers_eventId_idx" ON "phone_numbers"("eventId");

-- CreateIndex
CREATE INDEX "conversations_organizationId_lastMessageAt_id_idx" ON "conversations"("organizationId", "lastMessageAt", "id");

-- CreateIndex
CREATE INDEX "conversations_organizationId_needsHuman_lastMessageAt_idx" ON "conversations"("organizationId", "needsHuman", "lastMessageAt");

-- CreateIndex
CREATE INDEX "conversations_phone_channel_idx" ON "conversations"("phone", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_organizationId_phone_channel_key" ON "conversations"("organizationId", "phone", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_messages_messageSid_key" ON "conversation_messages"("messageSid");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_messages_outboundMessageId_key" ON "conversation_messages"("outboundMessageId");

-- CreateIndex
CREATE INDEX "conversation_messages_conversationId_createdAt_id_idx" ON "conversation_messages"("conversationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "conversation_messages_flag_createdAt_idx" ON "conversation_messages"("flag", "createdAt");

-- AddForeignKey
ALTER TABLE "phone_numbers" ADD CONSTRAINT "phone_numbers_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "phone_numbers" ADD CONSTRAINT "phone_numbers_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_outboundMessageId_fkey" FOREIGN KEY ("outboundMessageId") REFERENCES "outbound_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;
