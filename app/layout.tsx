import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Eventline — events people actually show up to", template: "%s · Eventline" },
  description:
    "Eventline runs registrations, reminders and a WhatsApp/SMS concierge for your events: attendees ask “What time is the keynote?” and get an answer.",
  applicationName: "Eventline",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#4f46e5" };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
