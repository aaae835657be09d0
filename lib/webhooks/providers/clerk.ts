import "server-only";
import { jsonAck, type WebhookProvider } from "../provider";
import { webhookSecret } from "../secrets";
import { verifySvix } from "./svix";

export const clerk: WebhookProvider = { name: "clerk", secret: () => webhookSecret("clerk"), verify: verifySvix, acknowledge: jsonAck };
