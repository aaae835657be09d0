-- AlterTable
ALTER TABLE "email_messages" ADD COLUMN     "attachments" JSONB NOT NULL DEFAULT '[]';
