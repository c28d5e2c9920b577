/**
 * The WHATWG URL parser, which Node, Deno and the browser all have. `shared/` compiles without
 * the DOM or Node types, so its shape is named here: only what the contract reads.
 */
interface ParsedWebAddress {
  readonly href: string;
  readonly origin: string;
  readonly pathname: string;
  readonly username: string;
  readonly password: string;
  readonly search: string;
  readonly hash: string;
}

const WebUrl = (globalThis as unknown as { URL: new (input: string) => ParsedWebAddress }).URL;

/** The address parsed as a browser would, or null when it is not an absolute web address. */
export function parseWebAddress(value: string): ParsedWebAddress | null {
  try {
    return new WebUrl(value);
  } catch {
    return null;
  }
}
