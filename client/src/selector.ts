// The documents Layerlint serves, for the language client, the status item and the code lenses.
// vscode-free. The server lints the text the client sends, whatever the URI scheme, so the
// virtual-workspace claim holds: files (local or remote), untitled editors, and the virtual file
// systems of Remote Repositories / GitHub Repositories (`vscode-vfs`). `.layerlint.yaml` is read for
// `file:` documents only. No `git:` (diff views) and no other schemes: their copies of a file would
// be reported twice.
export const SERVED_SCHEMES = ['file', 'untitled', 'vscode-vfs'] as const;

export const DOCUMENT_SELECTOR: { language: string; scheme: string }[] = SERVED_SCHEMES.map((scheme) => ({ language: 'dockerfile', scheme }));
