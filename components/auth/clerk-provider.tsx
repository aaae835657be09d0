import { ClerkProvider } from "@clerk/nextjs";
import type { ReactNode } from "react";

/**
 * Clerk's provider for the root layout when Clerk is the identity provider. The publishable key is handed in by the
 * (server) layout from lib/env, so nothing here reads the environment.
 */
export function ClerkAuthProvider({ publishableKey, children }: { publishableKey: string; children: ReactNode }) {
  return <ClerkProvider publishableKey={publishableKey}>{children}</ClerkProvider>;
}
