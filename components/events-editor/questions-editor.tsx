"use client";
import { useState } from "react";
import { deleteQuestionAction, saveQuestionAction } from "@/app/dashboard/events/editor-actions";
import { idleState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { Badge } from "@/components/ui/feedback";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EditableList } from "./editable-list";
import { TextAreaField } from "./text-area-field";
import { useEditorForm } from "./use-editor-form";

export type QuestionItem = { id: string; label: string; kind: "text" | "choice" | "checkbox"; options: string[]; required: boolean };
const KINDS = [
  { value: "text", label: "Short text" },
  { value: "choice", label: "One choice from a list" },
  { value: "checkbox", label: "Checkbox (yes/no)" },
];

export function QuestionsEditor({ eventId, questions, canEdit }: { eventId: string; questions: QuestionItem[]; canEdit: boolean }) {
  return (
    <EditableList
      items={questions}
      noun="question"
      itemName={(q) => `the question “${q.label}”`}
      canEdit={canEdit}
      testId="questions"
      empty={<>Ask attendees something when they register: dietary needs, T-shirt size, consent to photos.</>}
      view={(q) => (
        <>
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">{q.label}</span>
            <Badge>{KINDS.find((k) => k.value === q.kind)?.label}</Badge>
            {q.required && <Badge tone="amber">required</Badge>}
          </p>
          {q.kind === "choice" && <p className="mt-0.5 text-sm text-slate-600">{q.options.join(" · ")}</p>}
        </>
      )}
      form={(q, done) => <QuestionForm key={q?.id ?? "new"} eventId={eventId} question={q} done={done} />}
      remove={(q) => {
        const form = new FormData();
        form.set("eventId", eventId);
        form.set("questionId", q.id);
        return deleteQuestionAction(idleState, form);
      }}
    />
  );
}

function QuestionForm({ eventId, question, done }: { eventId: string; question: QuestionItem | null; done: () => void }) {
  const initialKind = question?.kind ?? "text";
  // The select stays uncontrolled (React resets forms after an action; its defaultValue then shows what was sent);
  // `kind` only decides whether the options field shows.
  const [kind, setKind] = useState<string>(initialKind);
  const { state, formAction, errors, value } = useEditorForm(saveQuestionAction, () => {
    setKind(initialKind);
    done();
  });
  return (
    <form action={formAction} noValidate aria-label={question ? `Edit question ${question.label}` : "New question"} className="grid items-start gap-3 pt-2 sm:grid-cols-2">
      <input type="hidden" name="eventId" value={eventId} />
      {question && <input type="hidden" name="questionId" value={question.id} />}
      <Field label="Question label" name="label" required className="sm:col-span-2" defaultValue={value("label", question?.label)} error={errors.label} />
      <SelectField key={value("kind", initialKind)} label="Answer type" name="kind" defaultValue={value("kind", initialKind)} onChange={(e) => setKind(e.target.value)} options={KINDS} error={errors.kind} />
      <label className="flex items-center gap-2 self-end py-2 text-sm text-slate-700">
        <input type="checkbox" name="required" className="size-4 accent-brand-600" defaultChecked={state.ok ? question?.required : state.values?.required === "on"} /> Required
      </label>
      {kind === "choice" && (
        <TextAreaField
          label="Options"
          name="options"
          rows={3}
          className="sm:col-span-2"
          hint="One per line; at least two."
          defaultValue={value("options", question?.options.join("\n"))}
          error={errors.options}
        />
      )}
      <FormMessage state={state.ok ? { ok: true } : state} className="sm:col-span-2" />
      <div className="flex gap-2 sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">{question ? "Save question" : "Add question"}</SubmitButton>
        {question && (
          <button type="button" onClick={done} className={buttonClass("ghost")}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
