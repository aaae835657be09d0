"use client";
import { useFormStatus } from "react-dom";
import { buttonClass, type Variant } from "./button-class";

/** A submit button that shows the pending state of its form (and cannot be double-submitted). */
export function SubmitButton({ children, pendingLabel, variant = "primary", className = "", name, value }: { children: React.ReactNode; pendingLabel?: string; variant?: Variant; className?: string; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass(variant, className)} name={name} value={value}>
      {pending && <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}
