// Same-length rewrites of Containerfile text into what the shell sees, so that every offset in
// the shell text is also the offset in the document (edits and ranges need no mapping).

/**
 * The shell text of a RUN's command line: Dockerfile line continuations (with the file's escape
 * character, trailing blanks allowed) become shell continuations; comment and empty lines inside a
 * continuation, which the Dockerfile parser drops, become blanks that continue the line; CRs become
 * blanks.
 */
export function runShellText(doc: string, start: number, end: number, escapeChar: string): string {
  const out = doc.slice(start, end).split('');
  const n = out.length;
  // Index in `out` of the newline currently acting as a continuation, and of its escape character.
  let contNewline = -1;
  let contEscape = -1;
  let lineStart = 0;
  while (lineStart <= n) {
    let nl = lineStart;
    while (nl < n && out[nl] !== '\n') nl++;
    // [lineStart, nl) is the line, CR included.
    for (let i = lineStart; i < nl; i++) if (out[i] === '\r') out[i] = ' ';
    const inContinuation = contNewline >= 0 && contNewline === lineStart - 1;
    const body = out.slice(lineStart, nl).join('');
    const trimmed = body.trim();
    if (inContinuation && nl < n && (trimmed === '' || trimmed.startsWith('#'))) {
      // Dropped line: blank it and move the continuation to its end.
      for (let i = lineStart; i < nl; i++) out[i] = ' ';
      if (nl > lineStart) {
        out[nl - 1] = '\\';
        out[contEscape] = ' ';
        contEscape = nl - 1;
      } else {
        out[contEscape] = ' ';
        out[contNewline] = '\\';
        contEscape = contNewline;
      }
      contNewline = nl;
    } else {
      // Does this line end with the escape character (then blanks)?
      let j = nl - 1;
      while (j >= lineStart && (out[j] === ' ' || out[j] === '\t')) j--;
      if (nl < n && j >= lineStart && doc[start + j] === escapeChar) {
        out[j] = ' ';
        out[nl - 1] = '\\';
        contEscape = nl - 1;
        contNewline = nl;
      } else {
        contNewline = -1;
        contEscape = -1;
      }
    }
    lineStart = nl + 1;
  }
  return out.join('');
}

/** A heredoc body run as a script: verbatim, CRs blanked. */
export function heredocShellText(doc: string, start: number, end: number): string {
  return doc.slice(start, end).replace(/\r/g, ' ');
}
