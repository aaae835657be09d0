import { createElement, type ReactElement } from "react";
import type { z } from "zod";
import { EventCancelledEmail, eventCancelledProps, eventCancelledSubject } from "./event-cancelled";
import { NoticeEmail, noticeProps } from "./notice";
import { RegistrationCancelledEmail, registrationCancelledProps, registrationCancelledSubject } from "./registration-cancelled";
import { RegistrationConfirmedEmail, registrationConfirmedProps, registrationConfirmedSubject } from "./registration-confirmed";
import { RegistrationPromotedEmail, registrationPromotedProps, registrationPromotedSubject } from "./registration-promoted";
import { RegistrationReminderEmail, registrationReminderProps, registrationReminderSubject } from "./registration-reminder";
import { RegistrationWaitlistedEmail, registrationWaitlistedProps, registrationWaitlistedSubject } from "./registration-waitlisted";

type Template<S extends z.ZodType> = {
  props: S;
  subject: (props: z.infer<S>) => string;
  render: (props: z.infer<S>) => ReactElement;
};

const template = <S extends z.ZodType>(t: Template<S>) => t;

/**
 * Every email Eventline sends. Adding one: a component + props schema in its own file, then an entry here.
 * Props are validated before rendering, so a bad call fails when the email is queued, not in the job.
 */
const entries = {
  notice: template({ props: noticeProps, subject: (p) => p.heading, render: (p) => createElement(NoticeEmail, p) }),
  registrationConfirmed: template({ props: registrationConfirmedProps, subject: registrationConfirmedSubject, render: (p) => createElement(RegistrationConfirmedEmail, p) }),
  registrationWaitlisted: template({ props: registrationWaitlistedProps, subject: registrationWaitlistedSubject, render: (p) => createElement(RegistrationWaitlistedEmail, p) }),
  registrationPromoted: template({ props: registrationPromotedProps, subject: registrationPromotedSubject, render: (p) => createElement(RegistrationPromotedEmail, p) }),
  registrationCancelled: template({ props: registrationCancelledProps, subject: registrationCancelledSubject, render: (p) => createElement(RegistrationCancelledEmail, p) }),
  registrationReminder: template({ props: registrationReminderProps, subject: registrationReminderSubject, render: (p) => createElement(RegistrationReminderEmail, p) }),
  eventCancelled: template({ props: eventCancelledProps, subject: eventCancelledSubject, render: (p) => createElement(EventCancelledEmail, p) }),
};

/**
 * Typed per name (each entry's own props in and out), not as a union of entries: `templates[name]` for a generic
 * name then keeps the schema and `render` paired, which lib/email/render.ts needs once there is more than one entry.
 */
type Schemas = typeof entries;
type Entry<In, Out> = { props: z.ZodType<Out, In>; subject: (props: Out) => string; render: (props: Out) => ReactElement };
export const templates: { [K in keyof Schemas]: Entry<z.input<Schemas[K]["props"]>, z.output<Schemas[K]["props"]>> } = entries;

export type TemplateName = keyof typeof templates;
export type TemplateProps<N extends TemplateName> = z.input<(typeof templates)[N]["props"]>;
