import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 string; 22 characters carry ~131 bits. */
export function randomToken(length = 22): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const byte = bytes[i]!;
    if (byte < 248) out += ALPHABET[byte % 62]; // 248 = 4 × 62: rejection sampling keeps it unbiased
  }
  return out.length === length ? out : out + randomToken(length - out.length);
}

export type IdPrefix = "org" | "usr" | "mem" | "sid" | "evt" | "ses" | "faq" | "reg" | "whk" | "msg" | "eml" | "key" | "run" | "inv" | "idm" | "rq" | "pnm" | "cnv" | "cmg" | "spm" | "sor";

/** Prefixed, unguessable public ids: `evt_3kTMd…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(22)}`;
}

/** A readable address part from a name: "Acme Events!" → "acme-events" (at most `max` characters, else `fallback`). */
export function slugify(name: string, max: number, fallback: string): string {
  const full = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "") // the accents NFKD split off: "zürich" → "zurich", not "zu-rich"
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (full.length <= max) return full || fallback;
  // Too long: end at a whole word ("…-for-test", not "…-for-tes") when there is one to end at.
  const cut = full.slice(0, max + 1);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 0 ? cut.slice(0, lastDash) : full.slice(0, max)).replace(/-+$/, "") || fallback;
}
