import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../cornerstone/http-io.ts';

/** An OAuth-style error body, as oidc-provider and Vipps answer. */
export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

export function sendOAuthError(res: ServerResponse, status: number, body: OAuthErrorBody, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, headers);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'",
    ...headers,
  });
  res.end(html);
}

/**
 * The whole request body, or null when it exceeds `limitBytes`. The request is not destroyed on
 * the way out, so a refusal can still be written to its socket.
 */
export async function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<unknown>) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limitBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}
