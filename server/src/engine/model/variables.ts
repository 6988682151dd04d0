// Dockerfile-level variables (ARG/ENV) and their substitution in instruction arguments.
import type { VariableScope } from '../shell/words';
import { MAX_SCOPE_LENGTH, MAX_VALUE_LENGTH } from './limits';

/** ARG/ENV values in effect at a point of the file: undefined = not known statically. */
export class DockerfileVariables implements VariableScope {
  private memo?: string;

  constructor(
    private readonly vars = new Map<string, string | undefined>(),
    /** The length of all known values together (bounded by MAX_SCOPE_LENGTH). */
    private length = 0,
  ) {}

  lookup(name: string): string | undefined | null {
    return this.vars.has(name) ? this.vars.get(name) : null;
  }

  /** Sets a value; false (and the value unknown) when the scope would hold more than MAX_SCOPE_LENGTH. */
  set(name: string, value: string | undefined): boolean {
    this.memo = undefined;
    const before = this.vars.get(name)?.length ?? 0;
    const fits = value === undefined || this.length - before + value.length <= MAX_SCOPE_LENGTH;
    this.vars.set(name, fits ? value : undefined);
    this.length += (fits ? (value?.length ?? 0) : 0) - before;
    return fits;
  }

  /** The values in effect, as a string (equal strings, equal scopes); kept until a value changes. */
  signature(): string {
    if (this.memo !== undefined) return this.memo;
    let out = '';
    for (const [k, v] of this.vars) out += `${k}\u0000${v === undefined ? '\u0002' : v}\u0001`;
    this.memo = out;
    return out;
  }

  copy(): DockerfileVariables {
    return new DockerfileVariables(new Map(this.vars), this.length);
  }
}

/**
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}` as the Dockerfile frontend expands them.
 * A result longer than MAX_VALUE_LENGTH is unknown (undefined), and `onLimit` is told.
 */
export function substitute(text: string, scope: VariableScope, escapeChar = '\\', onLimit?: () => void): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escapeChar && text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}/.exec(text.slice(i));
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
    const m = braced ?? plain;
    if (!m) {
      out += c;
      continue;
    }
    const value = scope.lookup(m[1]);
    const op = braced ? m[2] : undefined;
    let result: string | undefined;
    if (op === ':-' || op === '-') {
      if (value === undefined) return undefined;
      result = value === null || (op === ':-' && value === '') ? m[3] : value;
    } else if (op === ':+' || op === '+') {
      if (value === undefined) return undefined;
      result = value === null || (op === ':+' && value === '') ? '' : m[3];
    } else {
      if (value === undefined || value === null) return undefined;
      result = value;
    }
    if (out.length + result.length > MAX_VALUE_LENGTH) {
      onLimit?.();
      return undefined;
    }
    out += result;
    i += m[0].length - 1;
  }
  return out;
}
