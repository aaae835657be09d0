import type { Metadata } from "next";
import Link from "next/link";
import { acceptInvitationAction } from "@/app/dashboard/actions";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { Alert } from "@/components/ui/feedback";
import { currentUser } from "@/lib/auth/session";
import { previewInvitation } from "@/lib/organizations/invitations";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([previewInvitation(token), currentUser()]);
  const here = `/invitations/${token}`;
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-white px-4 py-12">
      <Link href="/" className="mb-8 text-xl font-semibold tracking-tight text-brand-700">
        Eventline
      </Link>
      <main className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
        {!invitation || invitation.status === "revoked" ? (
          <>
            <h1 className="mb-2 text-xl font-semibold text-slate-900">This invitation is not valid</h1>
            <p className="text-sm text-slate-600">The link may have been replaced by a newer one or revoked. Ask the person who invited you to send it again.</p>
          </>
        ) : invitation.status === "expired" ? (
          <>
            <h1 className="mb-2 text-xl font-semibold text-slate-900">This invitation has expired</h1>
            <p className="text-sm text-slate-600">Invitations work for 7 days. Ask {invitation.organizationName} to send a new one.</p>
          </>
        ) : invitation.status === "accepted" ? (
          <>
            <h1 className="mb-2 text-xl font-semibold text-slate-900">Invitation already accepted</h1>
            <Link href="/dashboard" className={buttonClass("primary", "mt-2")}>
              Go to the dashboard
            </Link>
          </>
        ) : (
          <>
            <p className="text-sm font-medium text-brand-700">You are invited</p>
            <h1 className="mt-1 mb-2 text-xl font-semibold text-slate-900">Join {invitation.organizationName}</h1>
            <p className="mb-5 text-sm text-slate-600">
              as <strong>{invitation.role}</strong>, with the email address <strong>{invitation.email}</strong>.
            </p>
            {user ? (
              user.email === invitation.email ? (
                <ActionForm action={acceptInvitationAction} submit="Accept invitation" pendingLabel="Joining…" hidden={{ token }} className="flex flex-col gap-3" />
              ) : (
                <Alert>
                  You are signed in as {user.email}. Sign out and sign in as {invitation.email} to accept.
                </Alert>
              )
            ) : (
              <div className="flex flex-col gap-2">
                <Link href={`/sign-up?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`} className={buttonClass("primary")}>
                  Create an account to accept
                </Link>
                <Link href={`/sign-in?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`} className={buttonClass("secondary")}>
                  I already have an account
                </Link>
              </div>
            )}
          </>
        )}
      </main>
    </div>
  );
}
