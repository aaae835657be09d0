/**
 * The permission table, written once. Every check — route wrapper, server actions, services, and what the dashboard
 * shows — asks `can(role, permission)` or `keyCan(scope, permission)`; nothing else decides who may do what.
 */
export const ROLES = ["owner", "admin", "staff", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const API_KEY_SCOPES = ["read", "read_write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const PERMISSIONS = {
  "events.read": "See events, sessions and FAQs",
  "events.manage": "Create, edit, publish and cancel events",
  "attendees.read": "See attendees and their personal data",
  "attendees.manage": "Cancel, promote, import and export registrations",
  "checkin": "Check people in at the door",
  "conversations.read": "Read WhatsApp/SMS conversations",
  "conversations.reply": "Reply to conversations and clear the needs-a-human flag",
  "webhooks.read": "See the webhook inbox and payloads",
  "webhooks.replay": "Replay stored webhooks",
  "jobs.read": "See background job runs",
  "jobs.rerun": "Re-run background jobs",
  "team.read": "See members and invitations",
  "team.manage": "Invite, remove and change the role of members",
  "apikeys.manage": "Create and revoke API keys",
  "settings.manage": "Change organization settings and phone number mappings",
  "audit.read": "Read the audit log",
} as const;
export type Permission = keyof typeof PERMISSIONS;

const READ_ONLY: Permission[] = ["events.read", "conversations.read", "jobs.read", "team.read"];
const STAFF: Permission[] = [...READ_ONLY, "attendees.read", "checkin", "conversations.reply", "webhooks.read"];
const ADMIN: Permission[] = Object.keys(PERMISSIONS) as Permission[];

const BY_ROLE: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(ADMIN),
  admin: new Set(ADMIN),
  staff: new Set(STAFF),
  viewer: new Set(READ_ONLY),
};

/** Owners and admins differ only in what protects ownership (the last owner cannot leave or be demoted). */
export function can(role: Role, permission: Permission): boolean {
  return BY_ROLE[role].has(permission);
}

/** What an API key may do: `read` covers every `*.read`; `read_write` adds data changes, never team, keys or settings. */
const KEY_NEVER: ReadonlySet<Permission> = new Set(["team.manage", "apikeys.manage", "settings.manage"]);
export function keyCan(scope: ApiKeyScope, permission: Permission): boolean {
  if (KEY_NEVER.has(permission)) return false;
  return scope === "read_write" || permission.endsWith(".read");
}

export function permissionsOf(role: Role): Permission[] {
  return [...BY_ROLE[role]];
}
