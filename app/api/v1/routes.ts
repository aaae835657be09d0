import type { ApiHandler } from "@/lib/api/endpoint";
import * as apiKey from "./api-keys/[keyId]/route";
import * as apiKeys from "./api-keys/route";
import * as auditLog from "./audit-log/route";
import * as checkInByTicket from "./check-in/route";
import * as conversationMessages from "./conversations/[conversationId]/messages/route";
import * as conversationResolve from "./conversations/[conversationId]/resolve/route";
import * as conversation from "./conversations/[conversationId]/route";
import * as conversations from "./conversations/route";
import * as emails from "./emails/route";
import * as eventCancel from "./events/[eventId]/cancel/route";
import * as eventFaq from "./events/[eventId]/faqs/[faqId]/route";
import * as eventFaqs from "./events/[eventId]/faqs/route";
import * as eventPublish from "./events/[eventId]/publish/route";
import * as eventQuestion from "./events/[eventId]/questions/[questionId]/route";
import * as eventQuestions from "./events/[eventId]/questions/route";
import * as eventRegistrationsCsv from "./events/[eventId]/registrations.csv/route";
import * as eventRegistrationsImport from "./events/[eventId]/registrations/import/route";
import * as eventRegistrations from "./events/[eventId]/registrations/route";
import * as eventRegistrationsSummary from "./events/[eventId]/registrations/summary/route";
import * as event from "./events/[eventId]/route";
import * as eventSession from "./events/[eventId]/sessions/[sessionId]/route";
import * as eventSessions from "./events/[eventId]/sessions/route";
import * as events from "./events/route";
import * as invitation from "./invitations/[invitationId]/route";
import * as invitationResend from "./invitations/[invitationId]/resend/route";
import * as invitations from "./invitations/route";
import * as jobRunRerun from "./jobs/runs/[runId]/rerun/route";
import * as jobRun from "./jobs/runs/[runId]/route";
import * as jobRuns from "./jobs/runs/route";
import * as me from "./me/route";
import * as member from "./members/[userId]/route";
import * as members from "./members/route";
import * as organization from "./organization/route";
import * as phoneNumber from "./phone-numbers/[phoneNumberId]/route";
import * as phoneNumbers from "./phone-numbers/route";
import * as registrationCancel from "./registrations/[registrationId]/cancel/route";
import * as registrationCheckIn from "./registrations/[registrationId]/check-in/route";
import * as registrationPromote from "./registrations/[registrationId]/promote/route";
import * as registration from "./registrations/[registrationId]/route";
import * as shopifyProduct from "./shopify-products/[shopifyProductId]/route";
import * as shopifyProducts from "./shopify-products/route";
import * as webhookEvent from "./webhook-events/[webhookEventId]/route";
import * as webhookEventReplay from "./webhook-events/[webhookEventId]/replay/route";
import * as webhookEvents from "./webhook-events/route";

/**
 * Every /api/v1 route module, by its file. The OpenAPI document and the permission-matrix and tenant-isolation tests
 * are generated from this list; tests/api-registry.test.ts fails when a route file under app/api/v1 is missing here.
 */
export const apiRouteModules: Record<string, Record<string, unknown>> = {
  "api-keys/[keyId]/route.ts": apiKey,
  "api-keys/route.ts": apiKeys,
  "audit-log/route.ts": auditLog,
  "check-in/route.ts": checkInByTicket,
  "conversations/[conversationId]/messages/route.ts": conversationMessages,
  "conversations/[conversationId]/resolve/route.ts": conversationResolve,
  "conversations/[conversationId]/route.ts": conversation,
  "conversations/route.ts": conversations,
  "emails/route.ts": emails,
  "events/[eventId]/cancel/route.ts": eventCancel,
  "events/[eventId]/faqs/[faqId]/route.ts": eventFaq,
  "events/[eventId]/faqs/route.ts": eventFaqs,
  "events/[eventId]/publish/route.ts": eventPublish,
  "events/[eventId]/questions/[questionId]/route.ts": eventQuestion,
  "events/[eventId]/questions/route.ts": eventQuestions,
  "events/[eventId]/registrations.csv/route.ts": eventRegistrationsCsv,
  "events/[eventId]/registrations/import/route.ts": eventRegistrationsImport,
  "events/[eventId]/registrations/route.ts": eventRegistrations,
  "events/[eventId]/registrations/summary/route.ts": eventRegistrationsSummary,
  "events/[eventId]/route.ts": event,
  "events/[eventId]/sessions/[sessionId]/route.ts": eventSession,
  "events/[eventId]/sessions/route.ts": eventSessions,
  "events/route.ts": events,
  "invitations/[invitationId]/route.ts": invitation,
  "invitations/[invitationId]/resend/route.ts": invitationResend,
  "invitations/route.ts": invitations,
  "jobs/runs/[runId]/rerun/route.ts": jobRunRerun,
  "jobs/runs/[runId]/route.ts": jobRun,
  "jobs/runs/route.ts": jobRuns,
  "me/route.ts": me,
  "members/[userId]/route.ts": member,
  "members/route.ts": members,
  "organization/route.ts": organization,
  "phone-numbers/[phoneNumberId]/route.ts": phoneNumber,
  "phone-numbers/route.ts": phoneNumbers,
  "registrations/[registrationId]/cancel/route.ts": registrationCancel,
  "registrations/[registrationId]/check-in/route.ts": registrationCheckIn,
  "registrations/[registrationId]/promote/route.ts": registrationPromote,
  "registrations/[registrationId]/route.ts": registration,
  "shopify-products/[shopifyProductId]/route.ts": shopifyProduct,
  "shopify-products/route.ts": shopifyProducts,
  "webhook-events/[webhookEventId]/replay/route.ts": webhookEventReplay,
  "webhook-events/[webhookEventId]/route.ts": webhookEvent,
  "webhook-events/route.ts": webhookEvents,
};

const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

/** The handlers with their definitions, in a stable order. */
export function apiHandlers(): ApiHandler[] {
  return Object.values(apiRouteModules).flatMap((module) =>
    METHODS.map((method) => module[method]).filter((handler): handler is ApiHandler => typeof handler === "function" && "definition" in handler),
  );
}
