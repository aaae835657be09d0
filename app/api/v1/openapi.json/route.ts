import { openApiDocument } from "@/lib/api/openapi";
import { json, route } from "@/lib/api/route";
import { env } from "@/lib/env";
import { apiHandlers } from "../routes";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of /api/v1, public (it describes the API, not anyone's data). */
export const GET = route(() => json(openApiDocument(apiHandlers().map((h) => h.definition), env.APP_URL), { headers: { "cache-control": "public, max-age=300" } }));
