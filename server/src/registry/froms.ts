// The FROM images of a Containerfile for the platform check: ARG defaults before the first FROM and
// --build-arg values resolved, `scratch` and earlier stages skipped, `FROM --platform=…` honoured.
import { DockerfileParser } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { parsePlatform } from './platform';
import { parseReference } from './reference';

export interface FromImage {
  /** The image reference with variables resolved and quotes removed. */
  image: string;
  /** As written on the FROM line. */
  written: string;
  /** 0-based line of the FROM instruction. */
  line: number;
  /** Range of the image reference on the FROM line. */
  range: Range;
  /** Target platforms for this image (`--platform` replaces the targets for the stage). */
  platforms: string[];
  /** Set when a variable could not be resolved: the image cannot be checked. */
  unresolved?: string;
}

export interface FromOptions {
  /** Target platforms `os/arch[/variant]`. */
  platforms: string[];
  buildArgs?: Record<string, string>;
}

/** Expands $NAME, ${NAME}, ${NAME:-word}, ${NAME-word}, ${NAME:+word}, ${NAME+word}; records undefined names. */
export function expandVariables(text: string, vars: ReadonlyMap<string, string>, escape = '\\'): { value: string; undefinedNames: string[] } {
  const undefinedNames: string[] = [];
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escape && i + 1 < text.length && quote !== "'") {
      out += text[++i];
      continue;
    }
    if ((c === '"' || c === "'") && (quote === null || quote === c)) {
      quote = quote === null ? c : null;
      continue;
    }
    if (c === '$' && quote !== "'") {
      const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}/.exec(text.slice(i));
      const plain = braced ? null : /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
      const m = braced ?? plain;
      if (m) {
        const name = m[1];
        const op = braced ? m[2] : undefined;
        const word = braced ? (m[3] ?? '') : '';
        const val = vars.get(name);
        const set = val !== undefined;
        const nonEmpty = set && val !== '';
        if (op === ':-') out += nonEmpty ? val : expandVariables(word, vars, escape).value;
        else if (op === '-') out += set ? val : expandVariables(word, vars, escape).value;
        else if (op === ':+') out += nonEmpty ? expandVariables(word, vars, escape).value : '';
        else if (op === '+') out += set ? expandVariables(word, vars, escape).value : '';
        else {
          if (!set) undefinedNames.push(name);
          out += val ?? '';
        }
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return { value: out, undefinedNames };
}

function platformVars(prefix: 'TARGET' | 'BUILD', p: string): Array<[string, string]> {
  const parsed = parsePlatform(p);
  if (!parsed) return [];
  return [
    [`${prefix}PLATFORM`, p],
    [`${prefix}OS`, parsed.os],
    [`${prefix}ARCH`, parsed.architecture],
    [`${prefix}VARIANT`, parsed.variant],
  ];
}

/** The FROM images to check, in file order; an image whose name depends on the target appears per value. */
export function extractFroms(text: string, options: FromOptions): FromImage[] {
  const df = DockerfileParser.parse(text);
  const escape = df.getEscapeCharacter();
  const globals = new Map<string, string>();
  for (const arg of df.getInitialARGs()) {
    const prop = arg.getProperty();
    const name = prop?.getName();
    if (!name) continue;
    const given = options.buildArgs?.[name];
    const def = prop!.getValue();
    if (given !== undefined) globals.set(name, given);
    else if (def !== null) globals.set(name, expandVariables(def, globals, escape).value);
  }
  const stages = new Set<string>();
  const out: FromImage[] = [];
  for (const from of df.getFROMs()) {
    const written = from.getImage();
    const range = from.getImageRange();
    const stageName = from.getBuildStage();
    const line = from.getRange().start.line;
    if (written && range) {
      const flag = from.getPlatformFlag();
      const byImage = new Map<string, FromImage>();
      for (const target of options.platforms) {
        // Automatic platform ARGs: the build platform is taken to be the target (a native build).
        const vars = new Map<string, string>([...platformVars('TARGET', target), ...platformVars('BUILD', target)]);
        for (const [k, v] of globals) vars.set(k, v);
        const img = expandVariables(written, vars, escape);
        let platform = target;
        let unresolved: string | undefined;
        if (flag) {
          const pv = expandVariables(flag.getValue() ?? '', vars, escape);
          if (pv.undefinedNames.length || !parsePlatform(pv.value)) unresolved = `--platform=${flag.getValue() ?? ''} does not resolve to os/arch[/variant]`;
          else platform = pv.value;
        }
        const image = img.value.trim();
        if (img.undefinedNames.length) unresolved = `cannot resolve ${img.undefinedNames.map((n) => `$${n}`).join(', ')} in "${written}" (no ARG default; pass --build-arg)`;
        else if (!image) unresolved = `"${written}" resolves to an empty image name`;
        if (!unresolved && (image.toLowerCase() === 'scratch' || stages.has(image.toLowerCase()))) continue;
        const key = `${image}\0${unresolved ?? ''}`;
        const entry = byImage.get(key);
        if (entry) {
          if (!entry.platforms.includes(platform)) entry.platforms.push(platform);
        } else {
          byImage.set(key, { image, written, line, range, platforms: [platform], ...(unresolved ? { unresolved } : {}) });
        }
      }
      out.push(...byImage.values());
    }
    if (stageName) stages.add(stageName.toLowerCase());
  }
  return out;
}

/**
 * The registries a platform check of this text for `platforms` contacts (Docker Hub as `docker.io`),
 * for consent prompts; a FROM whose image cannot be resolved or parsed is listed as written. FROM
 * lines that depend on TARGETARCH and the like are resolved for every target, as the check does.
 */
export function registryHosts(text: string, platforms: string[], buildArgs?: Record<string, string>): string[] {
  const hosts = new Set<string>();
  for (const from of extractFroms(text, { platforms, buildArgs })) {
    if (from.unresolved) {
      hosts.add(from.written);
      continue;
    }
    try {
      hosts.add(parseReference(from.image).registry);
    } catch {
      hosts.add(from.written);
    }
  }
  return [...hosts];
}
