// A parser and expander for the VS Code snippet syntax the Layerlint snippets use:
// $N, ${N}, ${N:default}, ${N|a,b|}, ${N/regex/format/flags} (format: $n, ${n}), and the escapes \$ \} \\.
// Anything else after `$` (variables such as $TM_FILENAME, a bare `$`) is an error: a literal `$` must be
// written `\$`, or VS Code would read it as a variable.

export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; offset: number }
  | { kind: 'placeholder'; index: number; value: string; offset: number }
  | { kind: 'choice'; index: number; options: string[]; offset: number }
  | { kind: 'transform'; index: number; regex: RegExp; format: string; offset: number };

export class SnippetSyntaxError extends Error {}

export function parseSnippet(body: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  const fail = (msg: string): never => {
    throw new SnippetSyntaxError(`${msg} at offset ${i}: ${JSON.stringify(body.slice(Math.max(0, i - 20), i + 20))}`);
  };
  while (i < body.length) {
    const c = body[i];
    if (c === '\\' && (body[i + 1] === '$' || body[i + 1] === '}' || body[i + 1] === '\\')) {
      text += body[i + 1];
      i += 2;
      continue;
    }
    if (c !== '$') {
      text += c;
      i++;
      continue;
    }
    const offset = i;
    const simple = /^\$(\d+)/.exec(body.slice(i));
    if (simple) {
      flush();
      parts.push({ kind: 'tabstop', index: Number(simple[1]), offset });
      i += simple[0].length;
      continue;
    }
    if (body[i + 1] !== '{') fail('unescaped `$` (write \\$) or a variable');
    const head = /^\$\{(\d+)/.exec(body.slice(i));
    if (!head) fail('`${` not followed by a tabstop number (variables are not used here)');
    const index = Number(head![1]);
    i += head![0].length;
    flush();
    if (body[i] === '}') {
      parts.push({ kind: 'tabstop', index, offset });
      i++;
    } else if (body[i] === ':') {
      i++;
      let value = '';
      while (i < body.length && body[i] !== '}') {
        if (body[i] === '$') fail('nested placeholders are not used in these snippets');
        if (body[i] === '\\' && (body[i + 1] === '$' || body[i + 1] === '}' || body[i + 1] === '\\')) {
          value += body[i + 1];
          i += 2;
        } else value += body[i++];
      }
      if (body[i] !== '}') fail('unterminated placeholder');
      i++;
      parts.push({ kind: 'placeholder', index, value, offset });
    } else if (body[i] === '|') {
      const end = body.indexOf('|}', i + 1);
      if (end < 0) fail('unterminated choice');
      const options = body.slice(i + 1, end).split(',');
      if (options.some((o) => o === '' || o.includes('$'))) fail('empty or `$` choice option');
      parts.push({ kind: 'choice', index, options, offset });
      i = end + 2;
    } else if (body[i] === '/') {
      const read = (): string => {
        let s = '';
        i++;
        while (i < body.length && body[i] !== '/') {
          if (body[i] === '\\' && body[i + 1] === '/') {
            s += '/';
            i += 2;
          } else s += body[i++];
        }
        if (body[i] !== '/') fail('unterminated transform');
        return s;
      };
      const source = read();
      const format = read();
      i++;
      let flags = '';
      while (i < body.length && body[i] !== '}') flags += body[i++];
      if (body[i] !== '}') fail('unterminated transform');
      i++;
      parts.push({ kind: 'transform', index, regex: new RegExp(source, flags), format, offset });
    } else fail('unexpected character after `${N`');
  }
  flush();
  return parts;
}

/** The default of each tabstop: a placeholder's value or a choice's first option. */
export function defaults(parts: Part[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const p of parts) {
    if (p.kind === 'placeholder' && !out.has(p.index)) out.set(p.index, p.value);
    if (p.kind === 'choice' && !out.has(p.index)) out.set(p.index, p.options[0]);
  }
  return out;
}

function applyFormat(format: string, m: RegExpExecArray): string {
  return format.replace(/\$(\d+)|\$\{(\d+)\}/g, (_, a: string | undefined, b: string | undefined) => m[Number(a ?? b)] ?? '');
}

/** The text VS Code inserts when the user types `values` into the tabstops (defaults elsewhere). */
export function expand(parts: Part[], values: Record<number, string> = {}): string {
  const d = defaults(parts);
  const valueOf = (index: number) => values[index] ?? d.get(index) ?? '';
  return parts
    .map((p) => {
      switch (p.kind) {
        case 'text':
          return p.text;
        case 'tabstop':
        case 'placeholder':
        case 'choice':
          return valueOf(p.index);
        case 'transform': {
          const v = valueOf(p.index);
          const re = new RegExp(p.regex.source, p.regex.flags.replace('g', ''));
          const m = re.exec(v);
          return m ? v.slice(0, m.index) + applyFormat(p.format, m) + v.slice(m.index + m[0].length) : v;
        }
      }
    })
    .join('');
}
