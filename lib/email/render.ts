import "server-only";
import { render } from "@react-email/render";
import { templates, type TemplateName, type TemplateProps } from "./templates";

export type RenderedEmail = { subject: string; html: string; text: string };

export async function renderEmail<N extends TemplateName>(name: N, input: TemplateProps<N>): Promise<RenderedEmail> {
  const entry = templates[name];
  const props = entry.props.parse(input);
  const element = entry.render(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: entry.subject(props), html, text };
}
