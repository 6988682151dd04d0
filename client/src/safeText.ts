// Text a registry or a Containerfile controls, made safe for the surfaces that render it: a
// notification (VS Code renders Markdown links there, `command:` links included), the Markdown report,
// and code-lens titles (`$(icon)` syntax). vscode-free.

/** C0, DEL, C1, and the bidirectional controls that reorder what is shown. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Plain text (the output channel) without control characters: each shown as `\uNNNN`. */
export const escapeControl = (s: string) => s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export const NAME_LIMIT = 80;

/**
 * An image name for a notification: no character that starts a link, an image, HTML, inline code or
 * an icon survives, no control character, and at most {@link NAME_LIMIT} characters.
 */
export function notificationName(s: string): string {
  const plain = s.replace(CONTROL, '').replace(/[[\]()<>`\\$]/g, '?');
  return plain.length > NAME_LIMIT ? `${plain.slice(0, NAME_LIMIT - 1)}…` : plain;
}

/** Markdown inline text: every character Markdown or HTML gives a meaning is escaped, on one line. */
export function markdownText(s: string): string {
  return escapeControl(s).replace(/[\\`*_{}[\]()#+\-.!|<>~&:"']/g, (c) => `\\${c}`);
}

/** Markdown inline code (nothing inside is rendered), on one line, surviving backticks inside. */
export function markdownCode(s: string): string {
  const text = escapeControl(s);
  const ticks = text.match(/`+/g)?.reduce((m, t) => Math.max(m, t.length), 0) ?? 0;
  const fence = '`'.repeat(ticks + 1);
  return ticks || text.startsWith(' ') || text.endsWith(' ') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** A code-lens title part: no icon syntax, no control characters. */
export function lensText(s: string): string {
  return escapeControl(s).replace(/\$\(/g, '\\$(');
}
