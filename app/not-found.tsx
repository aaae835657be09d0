import type { Metadata } from "next";
import { NotFoundPage } from "@/components/ui/not-found-page";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return <NotFoundPage title="This page does not exist">The link may be old or mistyped.</NotFoundPage>;
}
