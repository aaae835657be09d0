import type { Metadata, Viewport } from "next";
import { ClerkAuthProvider } from "@/components/auth/clerk-provider";
import { env, modes } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Eventline — events people actually show up to", template: "%s · Eventline" },
  description:
    "Eventline runs registrations, reminders and a WhatsApp/SMS concierge for your events: attendees ask “What time is the keynote?” and get an answer.",
  applicationName: "Eventline",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#4f46e5" };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const page = (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
  // Clerk's provider only when Clerk is the identity provider; local accounts need no client-side provider.
  return modes.auth === "clerk" && env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ? <ClerkAuthProvider publishableKey={env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}>{page}</ClerkAuthProvider> : page;
}
