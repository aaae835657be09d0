/** Shared look of the editor's native controls (inputs come from components/ui/field). */
export const controlClass =
  "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-red-400";
