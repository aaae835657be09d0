/**
 * The Twilio account the receiver tests sign for. Sets the app's variables before the app loads them, so call it from
 * `vi.hoisted` (no imports here for the same reason). Returns the auth token deliveries are signed with; Twilio signs
 * the public URL, https://events.example.test/api/webhooks/twilio.
 */
export function useTwilioTestAccount(): string {
  const token = "test-twilio-auth-token-0123456789";
  process.env.TWILIO_AUTH_TOKEN = token;
  process.env.TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000000";
  process.env.APP_URL = "https://events.example.test";
  return token;
}
