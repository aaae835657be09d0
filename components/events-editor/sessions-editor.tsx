"use client";
import { deleteSessionAction, saveSessionAction } from "@/app/dashboard/events/editor-actions";
import { idleState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { Badge } from "@/components/ui/feedback";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EditableList } from "./editable-list";
import { useEditorForm } from "./use-editor-form";

/** A session as the editor shows it: times already in the event's zone (`…Local` for inputs, `when` for reading). */
export type SessionItem = { id: string; title: string; speaker: string; room: string; isKeynote: boolean; startsLocal: string; endsLocal: string; when: string };

/** Where a new session's form starts: the next free hour of the schedule, already in the event's zone. */
export type SessionSlot = { startsLocal: string; endsLocal: string };

export function SessionsEditor({ eventId, timezone, sessions, nextSlot, canEdit }: { eventId: string; timezone: string; sessions: SessionItem[]; nextSlot: SessionSlot; canEdit: boolean }) {
  return (
    <EditableList
      items={sessions}
      noun="session"
      itemName={(s) => `the session “${s.title}”`}
      canEdit={canEdit}
      testId="sessions"
      empty={<>The schedule shows on the public page and answers “what time is…?” questions. Mark the main talk as the keynote.</>}
      view={(s) => (
        <div data-keynote={s.isKeynote || undefined}>
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">{s.title}</span>
            {s.isKeynote && <Badge tone="brand">keynote</Badge>}
          </p>
          <p className="text-sm text-slate-600">
            {s.when}
            {[s.speaker, s.room].filter(Boolean).map((part) => ` · ${part}`)}
          </p>
        </div>
      )}
      form={(s, done) => <SessionForm key={s?.id ?? "new"} eventId={eventId} timezone={timezone} session={s} nextSlot={nextSlot} done={done} />}
      remove={(s) => {
        const form = new FormData();
        form.set("eventId", eventId);
        form.set("sessionId", s.id);
        return deleteSessionAction(idleState, form);
      }}
    />
  );
}

function SessionForm({ eventId, timezone, session, nextSlot, done }: { eventId: string; timezone: string; session: SessionItem | null; nextSlot: SessionSlot; done: () => void }) {
  const { state, formAction, errors, value } = useEditorForm(saveSessionAction, done);
  return (
    <form action={formAction} noValidate aria-label={session ? `Edit session ${session.title}` : "New session"} className="grid items-start gap-3 pt-2 sm:grid-cols-2">
      <input type="hidden" name="eventId" value={eventId} />
      {session && <input type="hidden" name="sessionId" value={session.id} />}
      <Field label="Session title" name="title" required className="sm:col-span-2" defaultValue={value("title", session?.title)} error={errors.title} />
      <Field label="Starts" name="startsLocal" type="datetime-local" required defaultValue={value("startsLocal", session?.startsLocal ?? nextSlot.startsLocal)} error={errors.startsLocal ?? errors.startsAt} hint={timezone} />
      <Field label="Ends" name="endsLocal" type="datetime-local" required defaultValue={value("endsLocal", session?.endsLocal ?? nextSlot.endsLocal)} error={errors.endsLocal ?? errors.endsAt} hint={timezone} />
      <Field label="Speaker" name="speaker" defaultValue={value("speaker", session?.speaker)} error={errors.speaker} />
      <Field label="Room" name="room" defaultValue={value("room", session?.room)} error={errors.room} />
      <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
        <input type="checkbox" name="isKeynote" className="size-4 accent-brand-600" defaultChecked={state.ok ? session?.isKeynote : state.values?.isKeynote === "on"} /> Keynote (highlighted on the public page)
      </label>
      <FormMessage state={state.ok ? { ok: true } : state} className="sm:col-span-2" />
      <div className="flex gap-2 sm:col-span-2">
        <SubmitButton pendingLabel="Saving…">{session ? "Save session" : "Add session"}</SubmitButton>
        {session && (
          <button type="button" onClick={done} className={buttonClass("ghost")}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
