/** What changed, for the dashboard to refresh the matching views (shared by server and browser code). */
export const CHANGE_TOPICS = ["registration", "event", "conversation", "webhook", "email", "job", "member", "api-key", "organization"] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];
