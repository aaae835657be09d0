import { createElement, type ReactElement } from "react";
import type { z } from "zod";
import { NoticeEmail, noticeProps } from "./notice";

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
export const templates = {
  notice: template({ props: noticeProps, subject: (p) => p.heading, render: (p) => createElement(NoticeEmail, p) }),
};

export type TemplateName = keyof typeof templates;
export type TemplateProps<N extends TemplateName> = z.input<(typeof templates)[N]["props"]>;
