/** Why an image could not be checked; `message` is what the user sees (README.md, "Base-image platforms"). */
export type RegistryErrorKind =
  'reference' | 'timeout' | 'cancelled' | 'auth' | 'denied' | 'not-found' | 'rate-limited' | 'too-large' | 'not-manifest' | 'digest-mismatch' | 'token' | 'tls' | 'insecure' | 'network' | 'http';

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
