import { notFound } from "next/navigation";
import { connection } from "next/server";

/**
 * Every path no route claims lands here and renders the 404 (app/not-found.tsx) per request, so its scripts carry the
 * CSP nonce like every other page's (proxy.ts). Without it Next serves a prerendered 404 whose scripts the policy
 * blocks; app/not-found.tsx itself cannot ask for a request, because every page renders it as a boundary, the
 * cached public event page included.
 */
export default async function Missing(): Promise<never> {
  await connection();
  notFound();
}
