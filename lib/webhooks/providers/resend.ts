import "server-only";
import { jsonAck, type WebhookProvider } from "../provider";
import { webhookSecret } from "../secrets";
import { verifySvix } from "./svix";

export const resend: WebhookProvider = { name: "resend", secret: () => webhookSecret("resend"), verify: verifySvix, acknowledge: jsonAck };
