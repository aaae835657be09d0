import type { PublicFaq } from "@/lib/events/public";

/** Questions attendees ask, each opening to its answer (no JavaScript needed). */
export function FaqList({ faqs }: { faqs: PublicFaq[] }) {
  return (
    <div className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="faqs">
      {faqs.map((faq) => (
        <details key={faq.id} className="group px-4 py-3">
          <summary className="flex cursor-pointer list-none items-start justify-between gap-4 font-medium text-slate-900 [&::-webkit-details-marker]:hidden">
            <span>{faq.question}</span>
            <span aria-hidden className="mt-0.5 text-slate-400 transition-transform group-open:rotate-45">+</span>
          </summary>
          <p className="mt-2 text-sm leading-6 whitespace-pre-line text-slate-600">{faq.answer}</p>
        </details>
      ))}
    </div>
  );
}
