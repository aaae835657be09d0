import "server-only";
import { z } from "zod";

/**
 * Phone numbers as the concierge stores them: bare E.164. Twilio names WhatsApp parties `whatsapp:+14155238886`;
 * the prefix says which channel, not which number, so it is dropped everywhere a number is stored or looked up.
 */
export const E164 = /^\+[1-9]\d{6,14}$/;

export function bareNumber(value: string): string {
  return value.trim().replace(/^whatsapp:/i, "").replace(/[\s().-]/g, "");
}

/** A number as a user types it (`whatsapp:` prefix, spaces and dashes allowed) → E.164, or a validation error. */
export const phoneNumberSchema = z
  .string()
  .max(40)
  .transform(bareNumber)
  .pipe(z.string().regex(E164, "Use an E.164 number with its country code, e.g. +14155238886 (a whatsapp: prefix is fine)."));
