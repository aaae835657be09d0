import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { z } from "zod";
import { dateTimeFormat } from "@/lib/time";

/**
 * What the attendee emails share: the event's details (time in the event's own time zone, venue, online link) in the
 * look of the notice template, a main button and a few secondary links.
 */
export const eventDetails = z.object({
  title: z.string().min(1).max(200),
  startsAt: z.date(),
  endsAt: z.date(),
  timezone: z.string().min(1).max(100),
  venue: z.string().max(300).nullish(),
  onlineUrl: z.url().max(500).nullish(),
});
export type EventDetails = z.infer<typeof eventDetails>;

export const attendeeFields = {
  attendeeName: z.string().min(1).max(200),
  organizer: z.string().min(1).max(200),
  event: eventDetails,
};

/** "Monday 1 June 2026, 10:00–12:30 CEST (Europe/Berlin)": always in the event's zone, with the zone named. */
export function formatEventTime(startsAt: Date, endsAt: Date, timeZone: string): string {
  const day = dateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const time = dateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const zone = dateTimeFormat("en-GB", { timeZone, timeZoneName: "short" }).formatToParts(startsAt).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const zoneLabel = zone === timeZone ? zone : `${zone} (${timeZone})`;
  const [startDay, endDay] = [day.format(startsAt), day.format(endsAt)];
  return startDay === endDay
    ? `${startDay}, ${time.format(startsAt)}–${time.format(endsAt)} ${zoneLabel}`
    : `${startDay}, ${time.format(startsAt)} – ${endDay}, ${time.format(endsAt)} ${zoneLabel}`;
}

const text = { color: "#334155", fontSize: 15, lineHeight: "24px", margin: "0 0 12px" } as const;
const detail = { color: "#0f172a", fontSize: 14, lineHeight: "22px", margin: "0 0 4px" } as const;
const link = { color: "#4f46e5", textDecoration: "underline" } as const;

type Props = {
  heading: string;
  paragraphs: string[];
  event: EventDetails;
  action?: { label: string; url: string } | undefined;
  links?: { label: string; url: string }[];
  footer: string;
};

export function EventEmail({ heading, paragraphs, event, action, links = [], footer }: Props) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{paragraphs[0] ?? heading}</Preview>
      <Body style={{ backgroundColor: "#f6f7fb", fontFamily: "-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 12, margin: "0 auto", maxWidth: 560, padding: "32px 28px" }}>
          <Text style={{ color: "#4f46e5", fontSize: 14, fontWeight: 600, margin: "0 0 16px" }}>Eventline</Text>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 22, lineHeight: "30px", margin: "0 0 16px" }}>
            {heading}
          </Heading>
          {paragraphs.map((paragraph, i) => (
            <Text key={i} style={text}>
              {paragraph}
            </Text>
          ))}
          <Section style={{ backgroundColor: "#f8fafc", border: "1px solid #e2e8f0", borderRadius: 8, margin: "16px 0", padding: "12px 16px" }}>
            <Text style={{ ...detail, fontWeight: 600 }}>{event.title}</Text>
            <Text style={detail}>When: {formatEventTime(event.startsAt, event.endsAt, event.timezone)}</Text>
            {event.venue && <Text style={detail}>Where: {event.venue}</Text>}
            {event.onlineUrl && (
              <Text style={detail}>
                Online:{" "}
                <Link href={event.onlineUrl} style={link}>
                  {event.onlineUrl}
                </Link>
              </Text>
            )}
          </Section>
          {action && (
            <Section style={{ margin: "24px 0" }}>
              <Button href={action.url} style={{ backgroundColor: "#4f46e5", borderRadius: 8, color: "#ffffff", fontSize: 15, fontWeight: 600, padding: "12px 20px" }}>
                {action.label}
              </Button>
            </Section>
          )}
          {links.map((l) => (
            <Text key={l.url} style={{ ...text, fontSize: 14, margin: "0 0 8px" }}>
              <Link href={l.url} style={link}>
                {l.label}
              </Link>
            </Text>
          ))}
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0 16px" }} />
          <Text style={{ color: "#64748b", fontSize: 12, lineHeight: "18px", margin: 0 }}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}
