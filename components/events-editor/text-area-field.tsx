import { LabelledControl } from "@/components/ui/field";
import { controlClass } from "./styles";

type Props = React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string | undefined; hint?: string };

/** A labelled textarea with its error (or hint) announced with it (the frame of components/ui/field). */
export function TextAreaField({ label, error, hint, className, ...textarea }: Props) {
  return <LabelledControl label={label} error={error} hint={hint} className={className} control={(props) => <textarea {...props} className={controlClass} {...textarea} />} />;
}
