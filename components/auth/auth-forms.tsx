"use client";
import Link from "next/link";
import { useActionState } from "react";
import { signInAction, signUpAction } from "@/app/(auth)/actions";
import { idleState, submittedValue } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function SignInForm({ next, email }: { next: string; email?: string }) {
  const [state, action] = useActionState(signInAction, idleState);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormMessage state={state} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={submittedValue(state, "email") ?? email} error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      <p className="text-center text-sm text-slate-600">
        New to Eventline?{" "}
        <Link className="font-medium text-brand-700 hover:underline" href={`/sign-up?next=${encodeURIComponent(next)}`}>
          Create an account
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm({ next, email }: { next: string; email?: string }) {
  const [state, action] = useActionState(signUpAction, idleState);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormMessage state={state} />
      <Field label="Your name" name="name" autoComplete="name" required defaultValue={submittedValue(state, "name")} error={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={submittedValue(state, "email") ?? email} error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." error={errors.password} />
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link className="font-medium text-brand-700 hover:underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
