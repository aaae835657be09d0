"use client";

import { SignIn, SignUp } from "@clerk/nextjs";

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
