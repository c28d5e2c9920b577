import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** Sent as it is on the request line: no client normalises or escapes it. */
  target: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
}

export interface RawResponse {
  status: number;
  body: string;
}

/** The body of a chunked answer: `<size in hex>\r\n<data>\r\n`, until a chunk of size 0. */
function dechunk(text: string): string {
  let body = '';
  let at = 0;
  for (;;) {
    const end = text.indexOf('\r\n', at);
    const size = Number.parseInt(text.slice(at, end), 16);
    if (end < 0 || !Number.isFinite(size) || size === 0) return body;
    body += text.slice(end + 2, end + 2 + size);
    at = end + 2 + size + 2;
  }
}

/**
 * One HTTP/1.1 request written byte for byte to a socket, so a test can send what fetch and
 * http.request refuse to: malformed percent escapes, odd methods, duplicate headers. The
 * connection is closed after the answer; a server that does not answer within `timeoutMs`
 * fails the request.
 */
export function sendRaw(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`No answer within ${timeoutMs} ms to ${request.method} ${request.target.slice(0, 100)}`));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1];
      if (status === undefined) return reject(new Error(`Not an HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      const separator = text.indexOf('\r\n\r\n');
      const head = separator < 0 ? text : text.slice(0, separator);
      const rest = separator < 0 ? '' : text.slice(separator + 4);
      resolve({ status: Number(status), body: /^transfer-encoding:\s*chunked\s*$/im.test(head) ? dechunk(rest) : rest });
    });
    const body = Buffer.from(request.body, 'utf8');
    const head = [
      `${request.method} ${request.target} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Connection: close',
      `Content-Length: ${body.byteLength}`,
      ...request.headers.map(([name, value]) => `${name}: ${value}`),
    ].join('\r\n');
    // Written without ending our side: a client that half-closes may get no answer from Node's
    // server, which ends a socket once its reading side ends. The server closes (Connection: close).
    socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]));
  });
}
