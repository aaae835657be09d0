"use client";
import { useEffect, useId, useRef } from "react";
import { buttonClass, type Variant } from "@/components/ui/button-class";

/**
 * A modal dialog on the native <dialog> element: showModal() traps focus inside and makes the rest of the page inert,
 * Escape closes it, and focus goes back to whatever opened it. Used by the webhook inbox, jobs and settings.
 */
export function Modal({ open, onClose, title, description, children, wide = false }: { open: boolean; onClose: () => void; title: string; description?: React.ReactNode; children: React.ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={() => {
        onClose();
        (opener.current as HTMLElement | null)?.focus?.();
      }}
      onClick={(e) => {
        if (e.target === ref.current) ref.current.close(); // a click on the backdrop
      }}
      className={`m-auto w-[calc(100%-2rem)] ${wide ? "max-w-3xl" : "max-w-md"} rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <div className="flex max-h-[85dvh] flex-col">
          <header className="flex items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
            <div className="min-w-0">
              <h2 id={titleId} className="font-semibold break-words text-slate-900">
                {title}
              </h2>
              {description && <div className="mt-0.5 text-sm text-slate-600">{description}</div>}
            </div>
            <button type="button" onClick={() => ref.current?.close()} className={buttonClass("ghost", "px-2 py-1")} aria-label="Close">
              ✕
            </button>
          </header>
          <div className="min-h-0 overflow-y-auto px-5 py-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}

/** Asks before a consequential action; "Cancel" has the focus first, so Enter never confirms by accident. */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  children,
  confirmLabel,
  variant = "primary",
  pending = false,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  variant?: Variant;
  pending?: boolean;
}) {
  return (
    <Modal open={open} onClose={onClose} title={title}>
      <div className="text-sm text-slate-700">{children}</div>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <button type="button" className={buttonClass("secondary")} onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className={buttonClass(variant)} onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
