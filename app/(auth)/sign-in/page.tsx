import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/auth-forms";
import { ClerkSignIn } from "@/components/auth/clerk-widgets";
import { Alert } from "@/components/ui/feedback";
import { currentUser, safeNext, usesClerk } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(params.next);
  if (usesClerk()) return <ClerkSignIn />;
  if (await currentUser()) redirect(next);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mb-5 text-sm text-slate-600">Welcome back. Sign in to manage your events.</p>
      {params.signedOut === "everywhere" && (
        <div className="mb-4">
          <Alert tone="success">You are signed out on every device.</Alert>
        </div>
      )}
      <SignInForm next={next} email={params.email} />
    </>
  );
}
