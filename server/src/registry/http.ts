// One HTTP/1.1 exchange over an undici dispatcher: the engine under Node's fetch, without fetch's
// Request/Response objects and web streams, whose loading and per-request work were the largest part
// of a cold `layerlint platforms` run (README, "Platform check"). No redirects are followed, the body
// is capped, and the whole exchange (connect, headers, body) has one deadline.
import type { Dispatcher } from 'undici';

type RawHeaders = Record<string, string | string[] | undefined>;

/** Response headers read the way fetch's `Headers.get` reads them (repeated fields joined by ", "). */
export class ResponseHeaders {
  constructor(private readonly fields: RawHeaders) {}

  get(name: string): string | null {
    const v = this.fields[name.toLowerCase()];
    if (v === undefined) return null;
    return Array.isArray(v) ? v.join(', ') : v;
  }
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: Buffer;
}

/** What to do with a body longer than `bytes`: fail the exchange, or keep the first bytes. */
export interface BodyLimit {
  bytes: number;
  over: 'fail' | 'truncate';
}

export interface HttpRequest {
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  timeoutMs: number;
  /** Aborts the exchange (a cancelled check). */
  signal?: AbortSignal;
  /** The body cap for a response status; 0 with `truncate` skips the body. */
  limit: (status: number) => BodyLimit;
}

export type HttpFailure =
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'too-large'; declared?: number }
  /** The connection failed after the headers: the body is incomplete. */
  | { kind: 'body'; contentType: string | null; cause: unknown }
  /** No response: DNS, connection, TLS, protocol. */
  | { kind: 'connection'; cause: unknown };

export class HttpError extends Error {
  constructor(readonly failure: HttpFailure) {
    super(failure.kind);
  }
}

export function exchange(dispatcher: Dispatcher, url: URL, req: HttpRequest): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let headers: ResponseHeaders | undefined;
    let limit: BodyLimit = { bytes: 0, over: 'truncate' };
    const chunks: Buffer[] = [];
    let received = 0;

    const finish = (outcome: HttpResponse | HttpFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if ('kind' in outcome) {
        controller?.abort(new HttpError(outcome));
        reject(new HttpError(outcome));
      } else {
        resolve(outcome);
      }
    };
    const respond = (): void => finish({ status, headers: headers!, body: Buffer.concat(chunks, Math.min(received, limit.bytes)) });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), req.timeoutMs);
    const onAbort = () => finish({ kind: 'aborted' });
    if (req.signal?.aborted) onAbort();
    else req.signal?.addEventListener('abort', onAbort, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (settled) c.abort(new HttpError({ kind: 'timeout' }));
      },
      onResponseStart(c, statusCode, fields) {
        controller = c;
        status = statusCode;
        headers = new ResponseHeaders(fields as RawHeaders);
        if (req.method === 'HEAD') return;
        limit = req.limit(statusCode);
        const declared = Number(headers.get('content-length') ?? NaN);
        if (declared > limit.bytes) {
          if (limit.over === 'fail') finish({ kind: 'too-large', declared });
          else if (limit.bytes === 0) {
            respond();
            c.abort(new Error('body not needed'));
          }
        }
      },
      onResponseData(c, chunk) {
        if (settled) return;
        received += chunk.byteLength;
        if (received <= limit.bytes) {
          chunks.push(chunk);
          return;
        }
        if (limit.over === 'fail') {
          const declared = Number(headers!.get('content-length') ?? NaN);
          finish({ kind: 'too-large', declared: Number.isNaN(declared) ? undefined : declared });
          return;
        }
        chunks.push(chunk);
        respond();
        c.abort(new Error('body cut at its cap'));
      },
      onResponseEnd() {
        respond();
      },
      onResponseError(_c, err) {
        if (settled) return;
        if (headers) finish({ kind: 'body', contentType: headers.get('content-type'), cause: err });
        else finish({ kind: 'connection', cause: err });
      },
    };

    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: url.pathname + url.search,
          method: req.method,
          headers: req.headers,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        },
        handler,
      );
    } catch (e) {
      finish({ kind: 'connection', cause: e });
    }
  });
}
