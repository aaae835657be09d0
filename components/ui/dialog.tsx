"use client";
import { useId, useRef, useState, useTransition } from "react";
import { buttonClass, type Variant } from "./button-class";

type Props = {
  /** The button that opens the dialog. */
  trigger: string;
  /** An accessible name for the trigger when its text alone is ambiguous (e.g. "Delete" in a list). */
  triggerLabel?: string;
  triggerVariant?: Variant;
  triggerClassName?: string;
  title: string;
  /** What will happen, in plain words (shown under the title and read as the dialog's description). */
  children: React.ReactNode;
  confirm: string;
  pendingLabel?: string;
  tone?: "danger" | "primary";
  /**
   * Runs on confirm. Resolve to nothing to close the dialog; resolve to a message to keep it open and show that
   * message (the action failed and the person may retry or back out).
   */
  onConfirm: () => Promise<string | void> | string | void;
};

/**
 * A confirmation step for actions that are hard to undo, built on the native <dialog> with showModal(): the browser
 * makes the rest of the page inert, traps focus, closes it on Escape and gives focus back to the trigger. Focus
 * starts on the safe choice ("Keep …"), so a stray Enter does not confirm.
 */
export function ConfirmDialog({ trigger, triggerLabel, triggerVariant = "secondary", triggerClassName = "", title, children, confirm, pendingLabel, tone = "primary", onConfirm }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();

  function open() {
    setError(null);
    ref.current?.showModal();
  }

  function run() {
    startTransition(async () => {
      const message = await onConfirm();
      if (message) setError(message);
      else ref.current?.close();
    });
  }

  return (
    <>
      <button type="button" onClick={open} aria-label={triggerLabel} aria-haspopup="dialog" className={buttonClass(triggerVariant, triggerClassName)}>
        {trigger}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
        onClick={(event) => {
          // A click on the backdrop (the dialog element itself, outside its content) backs out.
          if (event.target === ref.current && !pending) ref.current.close();
        }}
        onCancel={(event) => {
          if (pending) event.preventDefault();
        }}
      >
        <div className="p-5">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <div id={`${id}-body`} className="mt-2 text-sm text-slate-700">
            {children}
          </div>
          {error && (
            <p role="alert" className="mt-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <button type="button" autoFocus onClick={() => ref.current?.close()} disabled={pending} className={buttonClass("secondary")}>
              Go back
            </button>
            <button type="button" onClick={run} disabled={pending} aria-busy={pending} className={buttonClass(tone === "danger" ? "danger-solid" : "primary")}>
              {pending && <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" />}
              {pending ? (pendingLabel ?? confirm) : confirm}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
