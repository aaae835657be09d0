import { AppError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";

/** Any /api path without a handler answers a problem+json 404 instead of an HTML page. */
const notFound = route((request) => {
  throw new AppError("route_not_found", 404, `No API route matches ${request.method} ${request.nextUrl.pathname}.`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
