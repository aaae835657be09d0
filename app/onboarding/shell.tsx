import { SignOut } from "@/components/auth/sign-out";
import { OnboardingSteps } from "./steps";

/** The frame of both onboarding steps: where the person is, the step's card, and a way out. */
export function OnboardingShell({ step, wide = false, children }: { step: 1 | 2; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-white px-4 py-12">
      <main className={`w-full rounded-2xl border border-slate-200 bg-white p-6 shadow-sm ${wide ? "max-w-2xl" : "max-w-md"}`}>
        <div className="flex items-start justify-between gap-3">
          <OnboardingSteps current={step} />
          <div className="-mt-1.5 -mr-2 shrink-0 text-sm">
            <SignOut />
          </div>
        </div>
        {children}
      </main>
    </div>
  );
}
