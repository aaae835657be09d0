import "server-only";
import { AppError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) => new AppError("payload_too_large", 413, `The body is larger than ${limit / 1024 / 1024} MB.`);

/**
 * The request body as text, refusing anything over `limit` bytes: by the declared Content-Length at once, and while
 * streaming for bodies that do not declare it (the stream is cancelled, nothing more is read).
 */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
