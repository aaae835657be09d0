/**
 * Demo data for a new database. `--if-empty` (used by the launcher) seeds only a database with no organizations,
 * so restarting never duplicates or overwrites anything.
 *
 * The demo owner has a published password, so it is created only on the embedded development database (or with
 * `--demo`), never on a database you pointed DATABASE_URL at.
 */
import { seedApiKey } from "../lib/auth/api-keys";
import { signUp } from "../lib/auth/local-accounts";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { createPhoneNumber } from "../lib/concierge/phone-numbers";
import { addFaq, addSession, createEvent, publishEvent } from "../lib/events/service";
import { createOrganization, membershipOf } from "../lib/organizations/service";

const DEMO = { email: "demo@eventline.dev", password: "demo-password", organization: "Acme Events", eventSlug: "launch-2026", timezone: "Europe/Berlin", phoneNumber: "+14155238886" };

/** 09:00 Berlin time on the day three weeks from now, as an ISO instant (Berlin is UTC+1 or +2). */
function berlinMorning(daysAhead: number, hour: number, minute = 0): string {
  const day = new Date(Date.now() + daysAhead * 86_400_000);
  const guess = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
  const berlinHour = Number(new Intl.DateTimeFormat("en", { timeZone: DEMO.timezone, hour: "numeric", hourCycle: "h23" }).format(guess));
  return new Date(guess - (berlinHour - hour) * 3_600_000).toISOString();
}

async function main() {
  const ifEmpty = process.argv.includes("--if-empty");
  const existing = await db.organization.count();
  if (ifEmpty && existing > 0) {
    console.log(`[seed] database already has data (${existing} organization(s)); nothing to do`);
    return;
  }
  if (env.EMBEDDED_DATABASE !== "1" && !process.argv.includes("--demo")) {
    console.log("[seed] not the embedded development database: no demo account created (pass --demo to create it anyway)");
    return;
  }

  const user = (await db.user.findUnique({ where: { email: DEMO.email } })) ?? (await signUp({ email: DEMO.email, name: "Demo Organizer", password: DEMO.password }));
  const membership = await db.membership.findFirst({ where: { userId: user.id, organization: { name: DEMO.organization } } });
  const organizationId = membership?.organizationId ?? (await createOrganization(user.id, { name: DEMO.organization, timezone: DEMO.timezone })).id;
  const owner = await membershipOf(user.id, organizationId);
  console.log(`[seed] ${DEMO.organization} ready; sign in as ${DEMO.email} / ${DEMO.password}`);

  if (!(await db.event.findUnique({ where: { slug: DEMO.eventSlug } }))) {
    const event = await createEvent(owner, {
      slug: DEMO.eventSlug,
      title: "Launch 2026",
      description: "A day of talks and workshops on running events people actually show up to. Coffee from 8:30.",
      venue: "Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin",
      timezone: DEMO.timezone,
      startsAt: berlinMorning(21, 9),
      endsAt: berlinMorning(21, 17),
      capacity: 100,
    });
    const sessions = [
      { title: "Opening keynote: Events people show up to", speaker: "Maya Okafor", room: "Main hall", from: [9, 0], to: [10, 0], isKeynote: true },
      { title: "Waitlists that feel fair", speaker: "Jonas Weber", room: "Main hall", from: [10, 30], to: [11, 15], isKeynote: false },
      { title: "WhatsApp as a front desk", speaker: "Priya Raman", room: "Room 2", from: [11, 30], to: [12, 15], isKeynote: false },
      { title: "Lunch", speaker: null, room: "Courtyard", from: [12, 15], to: [13, 30], isKeynote: false },
      { title: "Workshop: reminders that work", speaker: "Lea Schmidt", room: "Room 2", from: [13, 30], to: [15, 0], isKeynote: false },
    ];
    for (const s of sessions) {
      await addSession(owner, event.id, { title: s.title, speaker: s.speaker, room: s.room, startsAt: berlinMorning(21, s.from[0]!, s.from[1]), endsAt: berlinMorning(21, s.to[0]!, s.to[1]), isKeynote: s.isKeynote });
    }
    const faqs = [
      ["What time is the keynote?", "The opening keynote starts at 9:00 (Berlin time) in the Main hall. Doors open at 8:30."],
      ["Is there parking?", "There is no parking at the venue. Take the U2 to Eberswalder Straße; the venue is a 3-minute walk."],
      ["Is there Wi-Fi?", "Yes: network “Launch2026”, password on your badge."],
      ["Can I cancel?", "Yes, from the link in your confirmation email. Your seat goes to the next person on the waitlist."],
      ["Is the venue accessible?", "Yes, step-free access through the courtyard entrance, and an accessible restroom on the ground floor."],
    ];
    for (const [position, [question, answer]] of faqs.entries()) await addFaq(owner, event.id, { question: question!, answer: answer!, position });
    await publishEvent(owner, event.id);
    console.log(`[seed] published event /e/${DEMO.eventSlug}`);
  }

  // The concierge's demo number (Twilio's WhatsApp sandbox sender): one mapping answers both
  // `whatsapp:+14155238886` and `+14155238886`, since numbers are stored bare (docs/concierge.md).
  const demoEvent = await db.event.findUnique({ where: { slug: DEMO.eventSlug } });
  if (demoEvent && demoEvent.organizationId === organizationId && !(await db.phoneNumber.findUnique({ where: { number: DEMO.phoneNumber } }))) {
    await createPhoneNumber(owner, { number: DEMO.phoneNumber, eventId: demoEvent.id });
    console.log(`[seed] concierge number whatsapp:${DEMO.phoneNumber} and ${DEMO.phoneNumber} answer for /e/${DEMO.eventSlug}`);
  }

  // Development only (lib/env.ts refuses SEED_API_KEY when NODE_ENV=production): a read_write key with that secret.
  if (env.SEED_API_KEY && !(await db.apiKey.findFirst({ where: { organizationId, name: "Seed key" } }))) {
    const key = await seedApiKey(organizationId, env.SEED_API_KEY);
    console.log(`[seed] API key from SEED_API_KEY ready (${key.prefix}…)`);
  }
}

main()
  .then(() => db.$disconnect())
  .catch(async (error: unknown) => {
    console.error("[seed] failed:", error instanceof Error ? error.message : error);
    await db.$disconnect();
    process.exit(1);
  });
