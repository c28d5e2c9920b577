/** A simulator's answer as the wire carried it, for tests that check the vendor's format itself. */
export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One request to a running simulator; the body is parsed JSON when it is JSON, else its text. */
export async function call(sim: { readonly url: string }, path: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(`${sim.url}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Left as text: some answers are not JSON on purpose.
  }
  return { status: response.status, headers: response.headers, body };
}
