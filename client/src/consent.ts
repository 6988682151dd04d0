// Workspace Trust: consent to contact registries from an untrusted workspace is given for one
// document and the hosts it was shown, not once for the session: a document that names another host
// (an edit, other targets, another document) is asked about again. vscode-free.

export class RegistryConsent {
  private readonly granted = new Map<string, Set<string>>();

  /** Whether the user has agreed to `document` contacting every one of `hosts`. */
  covers(document: string, hosts: readonly string[]): boolean {
    const granted = this.granted.get(document);
    return granted !== undefined && hosts.every((h) => granted.has(h));
  }

  /** Records the user's yes for `document` and the hosts the prompt listed. */
  grant(document: string, hosts: readonly string[]): void {
    this.granted.set(document, new Set([...(this.granted.get(document) ?? []), ...hosts]));
  }
}
