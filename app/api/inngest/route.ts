import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

export const dynamic = "force-dynamic";

/** The Inngest serve handler: Inngest Cloud, a Dev Server or the local executor call functions through it. */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
