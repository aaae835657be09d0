import { useId } from "react";

type Labelled = { label: string; error?: string | undefined; hint?: string | undefined; className?: string | undefined };
type ControlProps = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/**
 * A label, a control and its error (or hint), tied together for screen readers: the one frame every labelled field
 * uses (inputs here, the editor's textareas in components/events-editor).
 */
export function LabelledControl({ label, error, hint, className = "", control }: Labelled & { control: (props: ControlProps) => React.ReactNode }) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type FieldProps = React.InputHTMLAttributes<HTMLInputElement> & Labelled;

/** A labelled input with its error message announced to screen readers. */
export function Field({ label, error, hint, className, ...input }: FieldProps) {
  return (
    <LabelledControl
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(props) => (
        <input
          {...props}
          className={`rounded-lg border bg-white px-3 py-2 text-sm shadow-xs outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 ${error ? "border-red-400" : "border-slate-300"}`}
          {...input}
        />
      )}
    />
  );
}

type SelectProps = React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: { value: string; label: string }[]; error?: string | undefined };

export function SelectField({ label, options, error, className = "", ...select }: SelectProps) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} aria-invalid={error ? true : undefined} className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-brand-500 focus:ring-2 focus:ring-brand-100" {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <p className="text-sm text-red-600">{error}</p>}
    </div>
  );
}
