/** Bodies above this are refused unread: one member event is a few kilobytes. */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

/**
 * Reads a request body as UTF-8, stopping as soon as it passes `maxBytes` so an oversized
 * body costs no more than the cap. Null when it is too large. Works on the Web stream that
 * Deno's Request and Node's Readable.toWeb both give.
 */
export async function readCappedBody(body: ReadableStream<Uint8Array> | null, maxBytes = MAX_WEBHOOK_BODY_BYTES): Promise<string | null> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
