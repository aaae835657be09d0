const STEPS = ["Your organization", "Your first event"];

/** Where the person is in onboarding (organization → first event). */
export function OnboardingSteps({ current }: { current: 1 | 2 }) {
  return (
    <ol className="flex flex-wrap gap-x-4 gap-y-1 text-xs font-medium" aria-label="Onboarding steps">
      {STEPS.map((label, index) => {
        const step = index + 1;
        const state = step < current ? "done" : step === current ? "current" : "next";
        return (
          <li key={label} aria-current={state === "current" ? "step" : undefined} className={state === "current" ? "text-brand-700" : state === "done" ? "text-emerald-700" : "text-slate-600"}>
            <span aria-hidden>{state === "done" ? "✓" : `${step}.`} </span>
            <span className="sr-only">{`Step ${step} of ${STEPS.length}${state === "done" ? " (done)" : ""}: `}</span>
            {label}
          </li>
        );
      })}
    </ol>
  );
}
