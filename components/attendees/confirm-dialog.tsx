"use client";
import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button-class";

/**
 * A modal confirmation on the native <dialog>: showModal() traps focus inside, Escape closes it, and the browser
 * returns focus to the button that opened it. The safe choice ("Keep") has the initial focus.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = "Keep", onConfirm, onClose }: {
  open: boolean;
  title: string;
  children?: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-dialog-title"
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="p-5">
        <h2 id="confirm-dialog-title" className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {children && <div className="mt-2 text-sm text-slate-600">{children}</div>}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <button type="button" autoFocus className={buttonClass("secondary")} onClick={onClose}>
            {cancelLabel}
          </button>
          <button
            type="button"
            className={buttonClass("danger")}
            onClick={() => {
              onConfirm();
              onClose();
            }}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
