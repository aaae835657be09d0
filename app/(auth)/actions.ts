"use server";
import { redirect } from "next/navigation";
import { failure, formObject, isRedirect, type ActionResult } from "@/lib/actions/action";
import { signIn, signOut, signOutEverywhere, signUp } from "@/lib/auth/local-accounts";
import { clearSessionCookie, currentUser, requestContext, safeNext, sessionToken, setSessionCookie } from "@/lib/auth/session";
import { requestIdFrom } from "@/lib/request-id";

/** Local-account sign-up, sign-in and sign-out (the embedded identity provider). Clerk mode uses Clerk's pages. */

export async function signUpAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const input = formObject(form);
  const context = { ...(await requestContext()), requestId: requestIdFrom(null) };
  try {
    await signUp({ email: input.email ?? "", name: input.name ?? "", password: input.password ?? "" }, context);
    const session = await signIn({ email: input.email ?? "", password: input.password ?? "" }, { ...context, previousToken: await sessionToken() });
    await setSessionCookie(session.token, session.expiresAt);
  } catch (error) {
    if (isRedirect(error)) throw error;
    return failure(error, context.requestId, input);
  }
  redirect(safeNext(input.next, "/onboarding"));
}

export async function signInAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const input = formObject(form);
  const context = { ...(await requestContext()), requestId: requestIdFrom(null) };
  try {
    const session = await signIn({ email: input.email ?? "", password: input.password ?? "" }, { ...context, previousToken: await sessionToken() });
    await setSessionCookie(session.token, session.expiresAt);
  } catch (error) {
    return failure(error, context.requestId, input);
  }
  redirect(safeNext(input.next));
}

export async function signOutAction(): Promise<void> {
  const token = await sessionToken();
  if (token) await signOut(token);
  await clearSessionCookie();
  redirect("/sign-in");
}

export async function signOutEverywhereAction(): Promise<void> {
  const user = await currentUser();
  if (user) await signOutEverywhere(user.id, { ...(await requestContext()), requestId: requestIdFrom(null) });
  await clearSessionCookie();
  redirect("/sign-in?signedOut=everywhere");
}
