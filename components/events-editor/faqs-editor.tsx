"use client";
import { deleteFaqAction, saveFaqAction } from "@/app/dashboard/events/editor-actions";
import { idleState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EditableList } from "./editable-list";
import { TextAreaField } from "./text-area-field";
import { useEditorForm } from "./use-editor-form";

export type FaqItem = { id: string; question: string; answer: string };

export function FaqsEditor({ eventId, faqs, canEdit }: { eventId: string; faqs: FaqItem[]; canEdit: boolean }) {
  return (
    <EditableList
      items={faqs}
      noun="FAQ"
      itemName={(f) => `the FAQ “${f.question}”`}
      canEdit={canEdit}
      testId="faqs"
      empty={<>Answers to what people ask (parking, Wi-Fi, refunds) show on the public page and feed the concierge.</>}
      view={(f) => (
        <>
          <p className="font-medium text-slate-900">{f.question}</p>
          <p className="mt-0.5 text-sm whitespace-pre-line text-slate-600">{f.answer}</p>
        </>
      )}
      form={(f, done) => <FaqForm key={f?.id ?? "new"} eventId={eventId} faq={f} done={done} />}
      remove={(f) => {
        const form = new FormData();
        form.set("eventId", eventId);
        form.set("faqId", f.id);
        return deleteFaqAction(idleState, form);
      }}
    />
  );
}

function FaqForm({ eventId, faq, done }: { eventId: string; faq: FaqItem | null; done: () => void }) {
  const { state, formAction, errors, value } = useEditorForm(saveFaqAction, done);
  return (
    <form action={formAction} noValidate aria-label={faq ? `Edit FAQ ${faq.question}` : "New FAQ"} className="grid gap-3 pt-2">
      <input type="hidden" name="eventId" value={eventId} />
      {faq && <input type="hidden" name="faqId" value={faq.id} />}
      <Field label="Question" name="question" required defaultValue={value("question", faq?.question)} error={errors.question} />
      <TextAreaField label="Answer" name="answer" required rows={3} defaultValue={value("answer", faq?.answer)} error={errors.answer} />
      <FormMessage state={state.ok ? { ok: true } : state} />
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Saving…">{faq ? "Save FAQ" : "Add FAQ"}</SubmitButton>
        {faq && (
          <button type="button" onClick={done} className={buttonClass("ghost")}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
