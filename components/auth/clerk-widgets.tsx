"use client";

import { SignIn, SignOutButton, SignUp } from "@clerk/nextjs";

/**
 * Clerk's hosted sign-in and sign-up forms, for the /sign-in and /sign-up pages when Clerk is the identity provider.
 * Hash routing keeps each form on its single page (no catch-all route needed); both land on the dashboard.
 */
export function ClerkSignIn() {
  return <SignIn routing="hash" signInUrl="/sign-in" signUpUrl="/sign-up" fallbackRedirectUrl="/dashboard" />;
}

export function ClerkSignUp() {
  return <SignUp routing="hash" signInUrl="/sign-in" fallbackRedirectUrl="/dashboard" />;
}

/** Signs out of Clerk (all of Clerk's session handling stays Clerk's) and returns to the sign-in page. */
export function ClerkSignOut() {
  return (
    <SignOutButton redirectUrl="/sign-in">
      <button type="button" className="rounded-lg px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
        Sign out
      </button>
    </SignOutButton>
  );
}
