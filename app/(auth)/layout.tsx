import Link from "next/link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-white px-4 py-12">
      <Link href="/" className="mb-8 text-xl font-semibold tracking-tight text-brand-700">
        Eventline
      </Link>
      <main className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">{children}</main>
    </div>
  );
}
