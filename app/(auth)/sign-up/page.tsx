import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/auth-forms";
import { ClerkSignUp } from "@/components/auth/clerk-widgets";
import { currentUser, safeNext, usesClerk } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(params.next, "/onboarding");
  if (usesClerk()) return <ClerkSignUp />;
  if (await currentUser()) redirect(next);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold text-slate-900">Create your account</h1>
      <p className="mb-5 text-sm text-slate-600">Run registrations, reminders and a WhatsApp concierge for your events.</p>
      <SignUpForm next={next} email={params.email} />
    </>
  );
}
