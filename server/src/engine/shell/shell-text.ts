// Same-length rewrites of Containerfile text into what the shell sees, so that every offset in
// the shell text is also the offset in the document (edits and ranges need no mapping).

/**
 * The shell text of a RUN's command line: Dockerfile line continuations (with the file's escape
 * character, trailing blanks allowed) become shell continuations; comment and empty lines inside a
 * continuation, which the Dockerfile parser drops, become blanks that continue the line; CRs become
 * blanks.
 */
export function runShellText(doc: string, start: number, end: number, escapeChar: string): string {
  const segment = doc.slice(start, end);
  if (!segment.includes('\n') && !segment.includes('\r')) return segment;
  const lines = segment.split('\n');
  // Per line: its text, whether it ends in a continuation (then its last character is the escape).
  const out: string[] = [];
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/\r/g, ' ');
    const isLast = i === lines.length - 1;
    const trimmed = line.trim();
    if (continued && !isLast && (trimmed === '' || trimmed.startsWith('#'))) {
      // Dropped by the Dockerfile parser: blank it and carry the continuation over it.
      const prev = out.length - 1;
      if (line.length > 0) {
        out[prev] = `${out[prev].slice(0, -1)} `;
        out.push(`${' '.repeat(line.length - 1)}\\`);
      } else {
        // An empty line: the newline before it becomes the continuation's backslash.
        out[prev] = `${out[prev].slice(0, -1)} \\`;
      }
      continue;
    }
    const body = line.replace(/[ \t]+$/, '');
    if (!isLast && body.endsWith(escapeChar)) {
      line = `${body.slice(0, -1)}${' '.repeat(line.length - body.length)}\\`;
      continued = true;
    } else continued = false;
    out.push(line);
  }
  return out.join('\n');
}

/** A heredoc body run as a script: verbatim, CRs blanked. */
export function heredocShellText(doc: string, start: number, end: number): string {
  return doc.slice(start, end).replace(/\r/g, ' ');
}
