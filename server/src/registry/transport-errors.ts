// What a failed exchange with a registry reads as (README.md, "Base-image platforms"): timeouts, cancellation, capped
// bodies, TLS verification failures and unreachable hosts, each as a RegistryError naming the host.
import { RegistryError } from './errors';
import { HttpError } from './http';

const TLS_VERIFY_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'INVALID_CA',
]);

/** The first error code in a chain of causes (undici wraps the socket's error). */
function errorCause(e: unknown): { code?: string; message: string } {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof c.code === 'string') return { code: c.code, message: String(c.message ?? c.code) };
    if (!c.cause) return { message: String(c.message ?? cur) };
    cur = c.cause;
  }
  return { message: String(cur) };
}

export function cancelledError(): RegistryError {
  return new RegistryError('cancelled', 'check cancelled');
}

export function timeoutError(timeoutMs: number): RegistryError {
  const s = timeoutMs / 1000;
  return new RegistryError('timeout', `timed out after ${Number.isInteger(s) ? s : s.toFixed(1)}s`);
}

function tlsError(host: string, reason: string): RegistryError {
  return new RegistryError('tls', `TLS: ${reason} (${host}); mark the host insecure (--insecure-registry ${host}) only if you trust it`);
}

/**
 * The error to throw for a failed exchange with `host`: HttpError failures as RegistryErrors, any
 * other error as it is. `tooLarge` words a body over the cap (its declared size, if any).
 */
export function exchangeError(e: unknown, host: string, timeoutMs: number, tooLarge: (size: number | undefined) => string): unknown {
  if (!(e instanceof HttpError)) return e;
  const f = e.failure;
  if (f.kind === 'timeout') return timeoutError(timeoutMs);
  if (f.kind === 'aborted') return cancelledError();
  if (f.kind === 'too-large') return new RegistryError('too-large', tooLarge(f.declared));
  if (f.kind === 'body') {
    const ct = (f.contentType ?? '').split(';')[0].trim() || 'missing';
    return new RegistryError('not-manifest', `not a manifest (content type ${ct}; body truncated)`);
  }
  const cause = errorCause(f.cause);
  if (cause.code && TLS_VERIFY_CODES.has(cause.code)) return tlsError(host, cause.message);
  const err = new RegistryError('network', `cannot reach ${host}: ${cause.message}`);
  (err as RegistryError & { code?: string }).code = cause.code;
  return err;
}
