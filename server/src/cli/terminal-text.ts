// Text from a registry or a file, made safe to print to a terminal: control characters (C0, DEL, C1:
// ESC sequences that set the window title or erase the line, \r and \b that overwrite what is shown)
// and the bidirectional controls that reorder it are printed as escapes, as JSON output does.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalText(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}
