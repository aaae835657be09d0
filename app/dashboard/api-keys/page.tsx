import type { Metadata } from "next";
import Link from "next/link";
import { revokeApiKeyAction } from "@/app/dashboard/actions";
import { CreateApiKey } from "@/components/dashboard/create-api-key";
import { ActionForm } from "@/components/ui/action-form";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { listApiKeys } from "@/lib/auth/api-keys";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { formatInZone } from "@/lib/time";
import { forbiddenPage } from "../forbidden";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { organization, caller } = await requireWorkspace();
  if (!can(organization.role, "apikeys.manage")) return forbiddenPage("API keys");
  const keys = await listApiKeys(caller);
  const when = (at: Date) => formatInZone(at, organization.timezone);
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let your own systems use the{" "}
            <Link href="/docs/api" className="font-medium text-brand-700 hover:underline">
              REST API
            </Link>{" "}
            as this organization. Send them as <code className="text-xs">Authorization: Bearer evl_…</code>.
          </>
        }
      />
      <div className="grid gap-6">
        <Card title="Create a key">
          <CreateApiKey />
        </Card>
        <Card title="Keys">
          {keys.length === 0 ? (
            <EmptyState title="No API keys yet">Create one above when you connect another system.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="api-keys">
              {keys.map((k) => (
                <li key={k.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div>
                    <p className="font-medium text-slate-900">
                      {k.name} <Badge tone={k.scope === "read_write" ? "amber" : "slate"}>{k.scope === "read_write" ? "read & write" : "read only"}</Badge>{" "}
                      {k.revokedAt && <Badge tone="red">revoked</Badge>}
                    </p>
                    <p className="text-sm text-slate-600">
                      <code>{k.prefix}…</code> · created {when(k.createdAt)} · {k.lastUsedAt ? `last used ${when(k.lastUsedAt)}` : "never used"}
                    </p>
                  </div>
                  {!k.revokedAt && <ActionForm action={revokeApiKeyAction} submit="Revoke" variant="danger" hidden={{ id: k.id }} confirm={`Revoke “${k.name}”? Systems using it stop working.`} />}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
