import Link from "next/link";

/** A whole-page 404 outside the dashboard: what was not found, why that may be, and the way home. */
export function NotFoundPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-medium text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600">{children}</p>
      <Link href="/" className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Back to the home page
      </Link>
    </main>
  );
}
