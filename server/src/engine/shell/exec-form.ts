// Exec-form RUN (`RUN ["/usr/bin/dracut", "--kver", …]`) as shell text of the same length:
// each JSON string becomes a single-quoted shell word, brackets and commas become blanks. The
// program runs its argv without a shell and without variable expansion, which single quotes give;
// every offset in the shell text is the offset in the document.

/** The shell text of an exec-form argument list, or undefined when it is not a JSON array of strings. */
export function execFormShellText(json: string): string | undefined {
  let out = '';
  let i = 0;
  let expectValue = true;
  const blank = (c: string) => (c === '\n' || c === '\\' ? c : ' ');
  while (i < json.length && json[i] !== '[') out += blank(json[i++]);
  if (json[i] !== '[') return undefined;
  out += ' ';
  i++;
  for (;;) {
    while (i < json.length && /[\s\\]/.test(json[i])) out += blank(json[i++]);
    if (i >= json.length) return undefined;
    const c = json[i];
    if (c === ']') break;
    if (c === ',' && !expectValue) {
      out += ' ';
      i++;
      expectValue = true;
      continue;
    }
    if (c !== '"' || !expectValue) return undefined;
    let j = i + 1;
    while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
    if (j >= json.length) return undefined;
    const body = json.slice(i + 1, j);
    // A string with JSON escapes or a single quote keeps its double quotes (a shell reads most of
    // those escapes alike); `$` and backquotes in it are blanked, since no shell expands them here.
    out += /[\\']/.test(body) ? `"${body.replace(/[$`]/g, ' ')}"` : `'${body}'`;
    i = j + 1;
    expectValue = false;
  }
  out += ' ';
  i++;
  for (; i < json.length; i++) out += blank(json[i]);
  return out;
}
