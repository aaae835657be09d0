import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import { z } from "zod";

export const noticeProps = z.object({
  heading: z.string().min(1).max(200),
  paragraphs: z.array(z.string().max(5_000)).min(1).max(20),
  action: z.object({ label: z.string().min(1).max(60), url: z.url() }).optional(),
  footer: z.string().max(500).optional(),
});
export type NoticeProps = z.infer<typeof noticeProps>;

/** A plain, readable message: a heading, paragraphs, an optional button. The base for Eventline's other emails. */
export function NoticeEmail({ heading, paragraphs, action, footer }: NoticeProps) {
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
            <Text key={i} style={{ color: "#334155", fontSize: 15, lineHeight: "24px", margin: "0 0 12px" }}>
              {paragraph}
            </Text>
          ))}
          {action && (
            <Section style={{ margin: "24px 0" }}>
              <Button href={action.url} style={{ backgroundColor: "#4f46e5", borderRadius: 8, color: "#ffffff", fontSize: 15, fontWeight: 600, padding: "12px 20px" }}>
                {action.label}
              </Button>
            </Section>
          )}
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0 16px" }} />
          <Text style={{ color: "#64748b", fontSize: 12, lineHeight: "18px", margin: 0 }}>{footer ?? "Sent by Eventline."}</Text>
        </Container>
      </Body>
    </Html>
  );
}
