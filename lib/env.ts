import "server-only";
import { z } from "zod";

/**
 * The only reader of `process.env` in application code.
 *
 * Every variable is optional unless noted: leaving a provider's keys unset selects the embedded default for that
 * concern (see `modes`). Empty strings count as unset, so `FOO=` in a shell or `.env` file behaves like no `FOO`.
 * A malformed value stops start-up with a message naming the variable (see `EnvError`).
 */

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const withPrefix = (prefixes: string[], what: string) =>
  z
    .string()
    .refine((value) => prefixes.some((prefix) => value.startsWith(prefix)), {
      message: `must be ${what} starting with ${prefixes.map((p) => `"${p}"`).join(" or ")}`,
    });

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value) && URL.canParse(value), {
    message: 'must be a PostgreSQL URL like "postgresql://user:password@host:5432/database"',
  });

const httpUrl = z.string().refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), {
  message: 'must be an http(s) URL like "https://example.com"',
});

const port = z.coerce.number().int().min(1).max(65535);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** Set by Next.js itself (e.g. phase-production-build during `next build`). */
    NEXT_PHASE: optional(z.string()),
    /** Public base URL of the app: links in emails, Twilio signature checks. */
    APP_URL: optional(httpUrl).default("http://localhost:3000"),
    /** HTTP port of the app (read by Next itself; the launcher uses it to point the local executor at the app). */
    PORT: optional(port).default(3000),
    /** Next.js processes `npm start` runs behind the one port (default: one per core; see scripts/lib/cluster.ts). */
    WEB_CONCURRENCY: optional(z.coerce.number().int().min(1).max(64)),
    LOG_LEVEL: optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])).default("info"),
    /** Launcher only: also append everything the app and the local executor print to this file (the e2e log scan). */
    LOG_FILE: optional(z.string()),

    // Database. Unset → the launcher starts embedded PostgreSQL and sets DATABASE_URL + EMBEDDED_DATABASE=1 for Next.
    DATABASE_URL: optional(postgresUrl),
    EMBEDDED_DATABASE: optional(z.enum(["0", "1"])),
    EMBEDDED_PG_PORT: optional(port).default(54329),
    EMBEDDED_PG_DIR: optional(z.string()).default(".data/postgres"),

    // Identity. Clerk keys → Clerk; otherwise local accounts.
    AUTH_PROVIDER: optional(z.enum(["clerk", "local"])),
    CLERK_SECRET_KEY: optional(withPrefix(["sk_"], "a Clerk secret key")),
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: optional(withPrefix(["pk_"], "a Clerk publishable key")),
    CLERK_JWT_KEY: optional(z.string()),
    CLERK_WEBHOOK_SIGNING_SECRET: optional(withPrefix(["whsec_"], "a Svix signing secret")),
    /** Clerk Backend API base URL; tests point it at a local stand-in. */
    CLERK_API_URL: optional(httpUrl),

    // Jobs. Inngest keys → Inngest Cloud; INNGEST_DEV → an Inngest Dev Server; otherwise the local executor.
    INNGEST_DEV: optional(z.string()),
    INNGEST_EVENT_KEY: optional(z.string().min(10, "must be an Inngest event key")),
    INNGEST_SIGNING_KEY: optional(withPrefix(["signkey-"], "an Inngest signing key")),
    LOCAL_EXECUTOR_PORT: optional(port).default(8288),
    /** `npm start` with the local executor: the port of the Next.js worker that serves its runs (LOCAL_EXECUTOR_PORT + 1). */
    LOCAL_JOBS_PORT: optional(port),
    /** `on`: separate low-priority Next.js workers for the local executor's runs (decision 78; off by default). */
    JOB_WORKERS: optional(z.enum(["on", "off"])),

    // Email. RESEND_API_KEY → Resend; otherwise captured in the database.
    RESEND_API_KEY: optional(withPrefix(["re_"], "a Resend API key")),
    RESEND_WEBHOOK_SECRET: optional(withPrefix(["whsec_"], "a Svix signing secret")),
    /** Resend API base URL (the SDK reads it too); a local stand-in in tests. */
    RESEND_BASE_URL: optional(httpUrl),
    EMAIL_FROM: optional(z.string()).default("Eventline <events@eventline.localhost>"),

    // SMS / WhatsApp. Twilio credentials → Twilio REST API; otherwise captured.
    TWILIO_ACCOUNT_SID: optional(withPrefix(["AC"], "a Twilio account SID")),
    TWILIO_AUTH_TOKEN: optional(z.string().min(16, "must be a Twilio auth token")),
    TWILIO_BASE_URL: optional(httpUrl),
    /** Sender for SMS (E.164) and for WhatsApp (E.164 of the WhatsApp sender). */
    TWILIO_FROM_NUMBER: optional(z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number like +14155550100")),
    TWILIO_WHATSAPP_FROM: optional(z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number like +14155550100")),

    // Shopify ticket orders.
    SHOPIFY_WEBHOOK_SECRET: optional(z.string().min(8)),
    /** Days a webhook's raw body and headers are kept; the row and its outcome stay after that. */
    WEBHOOK_RETENTION_DAYS: optional(z.coerce.number().int().min(1)).default(30),

    // Concierge answers beyond FAQs. Both set → an OpenAI-compatible chat completions API.
    LLM_BASE_URL: optional(httpUrl),
    LLM_API_KEY: optional(z.string()),
    LLM_MODEL: optional(z.string()).default("gpt-4o-mini"),

    /** /api/v1 requests allowed per minute for each API key, user or IP (stored in Postgres, shared by all instances). */
    API_RATE_LIMIT_PER_MINUTE: optional(z.coerce.number().int().min(1)).default(600),
    /** Registrations per minute the public event form accepts from one client address (X-Forwarded-For). */
    PUBLIC_REGISTRATIONS_PER_MINUTE: optional(z.coerce.number().int().min(1)).default(20),
    METRICS_TOKEN: optional(z.string().min(16, "must be at least 16 characters")),

    // Tracing. An OTLP endpoint → OpenTelemetry traces through @vercel/otel (instrumentation.ts); otherwise nothing is
    // loaded. The other standard OTEL_* variables (headers, protocol, sampler, OTEL_SDK_DISABLED) are read by the SDK.
    OTEL_EXPORTER_OTLP_ENDPOINT: optional(httpUrl),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optional(httpUrl),
    OTEL_SERVICE_NAME: optional(z.string()).default("eventline"),
    SEED_API_KEY: optional(withPrefix(["evl_"], "an Eventline API key")),
  })
  .superRefine((env, ctx) => {
    const pairs: [keyof typeof env, keyof typeof env][] = [
      ["CLERK_SECRET_KEY", "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY"],
      ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"],
      ["LLM_BASE_URL", "LLM_API_KEY"],
      ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"],
    ];
    for (const [a, b] of pairs) {
      if (Boolean(env[a]) !== Boolean(env[b])) {
        const missing = env[a] ? b : a;
        ctx.addIssue({ code: "custom", path: [missing], message: `must be set together with ${env[a] ? a : b}` });
      }
    }
    if (env.AUTH_PROVIDER === "clerk" && !env.CLERK_SECRET_KEY) {
      ctx.addIssue({ code: "custom", path: ["CLERK_SECRET_KEY"], message: "is required when AUTH_PROVIDER=clerk" });
    }
    // Local accounts are never chosen silently in production: Clerk keys, or AUTH_PROVIDER=local said out loud.
    // (`next build` runs with NODE_ENV=production too; configuration is checked when the app starts, not when it builds.)
    if (env.NODE_ENV === "production" && env.NEXT_PHASE !== "phase-production-build" && !env.AUTH_PROVIDER && !env.CLERK_SECRET_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_PROVIDER"],
        message: "must be chosen in production: set CLERK_SECRET_KEY + NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY for Clerk, or AUTH_PROVIDER=local for local accounts",
      });
    }
    if (env.SEED_API_KEY && env.NODE_ENV === "production") {
      ctx.addIssue({ code: "custom", path: ["SEED_API_KEY"], message: "is for development only and refused when NODE_ENV=production" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses an environment object; throws `EnvError` listing every bad variable (values are never echoed). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "(env)"} ${issue.message}`));
}

export type Modes = {
  database: "embedded" | "external";
  auth: "clerk" | "local";
  jobs: "inngest-cloud" | "inngest-dev-server" | "local-executor";
  email: "resend" | "captured";
  messaging: "twilio" | "captured";
  llm: "openai-compatible" | "off";
};

/** Which engine serves each concern, decided only by which keys are present. */
export function modesOf(env: Env): Modes {
  return {
    database: env.EMBEDDED_DATABASE === "1" ? "embedded" : "external",
    auth: env.AUTH_PROVIDER ?? (env.CLERK_SECRET_KEY ? "clerk" : "local"),
    jobs: env.INNGEST_SIGNING_KEY ? "inngest-cloud" : env.INNGEST_DEV ? "inngest-dev-server" : "local-executor",
    email: env.RESEND_API_KEY ? "resend" : "captured",
    messaging: env.TWILIO_ACCOUNT_SID ? "twilio" : "captured",
    llm: env.LLM_BASE_URL ? "openai-compatible" : "off",
  };
}

export const env: Env = parseEnv(process.env);
export const modes: Modes = modesOf(env);
/** Version baked in at build time by next.config.ts (falls back to "dev" outside Next). */
export const appVersion: string = process.env.EVENTLINE_VERSION ?? "dev";
