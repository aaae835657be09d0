import { z } from "zod";
import { API_KEY_SCOPES, PERMISSIONS, ROLES } from "@/lib/auth/permissions";

/**
 * Response shapes of /api/v1, as zod schemas: the OpenAPI document is generated from them (lib/api/openapi.ts) and
 * the route tests check real answers against them. Timestamps are ISO 8601 UTC strings.
 */
export const timestamp = z.iso.datetime().describe("ISO 8601, UTC");
export const one = <T extends z.ZodType>(item: T) => z.object({ data: item });
export const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable().optional() });

export const roleSchema = z.enum(ROLES);
export const scopeSchema = z.enum(API_KEY_SCOPES);
export const permissionSchema = z.enum(Object.keys(PERMISSIONS) as [keyof typeof PERMISSIONS, ...(keyof typeof PERMISSIONS)[]]);

export const organizationSchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), timezone: z.string(), createdAt: timestamp });
export const meSchema = z.object({
  kind: z.enum(["user", "api_key"]),
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }).optional(),
  role: roleSchema.optional(),
  apiKey: z.object({ id: z.string() }).optional(),
  scope: scopeSchema.optional(),
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string(), timezone: z.string() }),
  permissions: z.array(permissionSchema),
});
export const memberSchema = z.object({ userId: z.string(), name: z.string(), email: z.string(), role: roleSchema, joinedAt: timestamp });
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: timestamp,
  createdAt: timestamp,
});
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: scopeSchema,
  prefix: z.string(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export const createdApiKeySchema = apiKeySchema.extend({ secret: z.string().describe("Shown this one time only.") });
export const auditEntrySchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  data: z.unknown(),
  requestId: z.string().nullable(),
  at: timestamp,
});

/** Path ids are opaque: one that does not look like ours answers 404 before any query. */
export const idOf = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{22}$`));

export const eventSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  venue: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  timezone: z.string().describe("IANA time zone people see the times in"),
  startsAt: timestamp,
  endsAt: timestamp,
  capacity: z.number().int(),
  status: z.enum(["draft", "published", "cancelled"]),
  registrationOpensAt: timestamp.nullable(),
  registrationClosesAt: timestamp.nullable(),
  confirmedCount: z.number().int(),
  seatsLeft: z.number().int(),
  publishedAt: timestamp.nullable(),
  cancelledAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const sessionSchema = z.object({ id: z.string(), title: z.string(), speaker: z.string().nullable(), room: z.string().nullable(), startsAt: timestamp, endsAt: timestamp, isKeynote: z.boolean() });
export const questionSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(["text", "choice", "checkbox"]),
  options: z.array(z.string()).describe("The choices of a `choice` question; empty otherwise."),
  required: z.boolean(),
  position: z.number().int().describe("Form order, lowest first."),
});
export const faqSchema = z.object({ id: z.string(), question: z.string(), answer: z.string(), position: z.number().int() });
export const registrationSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  answers: z.record(z.string(), z.union([z.string(), z.boolean()])),
  status: z.enum(["confirmed", "waitlisted", "cancelled"]),
  source: z.enum(["web", "whatsapp", "sms", "api", "shopify", "import"]),
  waitlistPosition: z.number().int().nullable(),
  checkedInAt: timestamp.nullable(),
  cancelledAt: timestamp.nullable(),
  createdAt: timestamp,
});

export const webhookEventSchema = z.object({
  id: z.string(),
  provider: z.enum(["twilio", "clerk", "resend", "shopify"]),
  topic: z.string().describe("message, message-status, email.delivered, orders/create …"),
  externalId: z.string().describe("The provider's id for the delivery (MessageSid, svix-id, X-Shopify-Webhook-Id): the dedupe key."),
  status: z.enum(["received", "processing", "processed", "failed", "ignored"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: timestamp,
  startedAt: timestamp.nullable(),
  processedAt: timestamp.nullable(),
  purgedAt: timestamp.nullable(),
});
export const webhookEventDetailSchema = webhookEventSchema.extend({
  headers: z.record(z.string(), z.string()),
  body: z.string().describe("The raw body as received (signatures and account ids masked); empty once purged."),
});

export const shopifyProductSchema = z.object({
  id: z.string(),
  sku: z.string().describe("The Shopify product variant's SKU; unique across the deployment (one Shopify store)."),
  eventId: z.string().describe("The event a line item with this SKU registers its buyer for."),
  createdAt: timestamp,
});
