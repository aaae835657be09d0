import type { Metadata } from "next";
import Link from "next/link";
import { SignOut } from "@/components/auth/sign-out";
import { LiveUpdates } from "@/components/live/live-updates";
import { QueryProvider } from "@/components/providers/query-provider";
import { DashboardNav, type NavItem } from "@/components/dashboard/nav";
import { OrganizationSwitcher } from "@/components/dashboard/organization-switcher";
import { can, type Permission } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";

export const metadata: Metadata = { title: { default: "Dashboard", template: "%s · Eventline" } };

const NAV: (NavItem & { permission?: Permission })[] = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/events", label: "Events", permission: "events.read" },
  { href: "/dashboard/team", label: "Team", permission: "team.read" },
  { href: "/dashboard/conversations", label: "Conversations", permission: "conversations.read" },
  { href: "/dashboard/mailbox", label: "Mailbox", permission: "attendees.read" },
  { href: "/dashboard/webhooks", label: "Webhooks", permission: "webhooks.read" },
  { href: "/dashboard/jobs", label: "Jobs", permission: "jobs.read" },
  { href: "/dashboard/api-keys", label: "API keys", permission: "apikeys.manage" },
  { href: "/dashboard/audit", label: "Audit log", permission: "audit.read" },
  { href: "/dashboard/settings", label: "Settings" },
];

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user, organizations, organization } = await requireWorkspace();
  const items = NAV.filter((item) => !item.permission || can(organization.role, item.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <QueryProvider>
    <div className="min-h-dvh bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-4">
            <Link href="/dashboard" className="text-lg font-semibold tracking-tight text-brand-700">
              Eventline
            </Link>
            <OrganizationSwitcher organizations={organizations} currentId={organization.id} />
            <span className="hidden rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 capitalize sm:inline" data-testid="current-role">
              {organization.role}
            </span>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <LiveUpdates />
            <span className="hidden text-slate-600 sm:inline" data-testid="current-user">
              {user.name}
            </span>
            <Link href="/onboarding" className="text-slate-600 hover:text-slate-900">
              New organization
            </Link>
            <SignOut />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 md:flex-row">
        <aside className="md:w-48 md:shrink-0">
          <DashboardNav items={items} />
        </aside>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
    </QueryProvider>
  );
}
