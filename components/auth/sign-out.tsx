import { signOutAction } from "@/app/(auth)/actions";
import { usesClerk } from "@/lib/auth/session";
import { ClerkSignOut } from "./clerk-widgets";

/** "Sign out" wherever a signed-in person is: Clerk's button with Clerk keys, otherwise the local session's form. */
export function SignOut() {
  if (usesClerk()) return <ClerkSignOut />;
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded-lg px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
        Sign out
      </button>
    </form>
  );
}
