// The FROM images of a Containerfile as a build resolves them, for the registry platform check:
// ARG defaults before the first FROM and --build-arg values, `TARGET*`/`BUILD*` automatic args per
// target, quotes removed, `scratch` and earlier stages skipped, `FROM --platform=…` honoured.
import type { Range } from 'vscode-languageserver-types';
import { parseReference } from '../../reference/image-reference';
import { parsePlatform } from '../../reference/platform-name';
import type { VariableScope } from '../shell/words';
import { LineIndex } from '../text/line-index';
import { parseInstructions, type InstructionRecord } from './instructions';
import { DockerfileVariables, substitute } from './variables';

export interface FromImage {
  /** The image reference with variables resolved and quotes removed. */
  image: string;
  /** As written on the FROM line. */
  written: string;
  /** 0-based line of the FROM instruction. */
  line: number;
  /** Document offset of the FROM instruction. */
  offset: number;
  /** Range of the image reference on the FROM line. */
  range: Range;
  /** Target platforms for this image (`--platform` replaces the targets for the stage). */
  platforms: string[];
  /** Set when a variable could not be resolved: the image cannot be checked. */
  unresolved?: string;
}

export interface FromOptions {
  /** Target platforms `os/arch[/variant]`. */
  platforms: readonly string[];
  buildArgs?: Readonly<Record<string, string>>;
}

/** The FROM images to check, in file order; an image whose name depends on the target appears per value. */
export function extractFroms(text: string, options: FromOptions): FromImage[] {
  const { escapeChar, records } = parseInstructions(text);
  return fromImages(records, escapeChar, new LineIndex(text), options);
}

/** extractFroms on instructions the engine has read already. */
export function fromImages(records: readonly InstructionRecord[], escapeChar: string, lines: LineIndex, options: FromOptions): FromImage[] {
  const globals = new DockerfileVariables();
  const stages = new Set<string>();
  const out: FromImage[] = [];
  let seenFrom = false;
  for (const record of records) {
    if (record.keyword === 'ARG' && !seenFrom) {
      for (const { name, value } of record.properties ?? []) {
        const given = options.buildArgs?.[name];
        if (given !== undefined) globals.set(name, given);
        else if (value !== null) globals.set(name, resolveWord(value, globals, escapeChar).value);
      }
    }
    const from = record.from;
    if (!from) continue;
    seenFrom = true;
    if (from.image && from.imageStart !== undefined && from.imageEnd !== undefined) {
      const base = { written: from.image, line: lines.positionAt(record.start).line, offset: record.start, range: lines.range(from.imageStart, from.imageEnd) };
      out.push(...imagesOfFrom(base, from.platform, globals, stages, escapeChar, options.platforms));
    }
    if (from.stage) stages.add(from.stage.toLowerCase());
  }
  return out;
}

/**
 * The registries a platform check of this text for `platforms` contacts (Docker Hub as `docker.io`),
 * for consent prompts; a FROM whose image cannot be resolved or parsed is listed as written. FROM
 * lines that depend on TARGETARCH and the like are resolved for every target, as the check does.
 */
export function registryHosts(text: string, platforms: readonly string[], buildArgs?: Readonly<Record<string, string>>): string[] {
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

type FromPlace = Pick<FromImage, 'written' | 'line' | 'offset' | 'range'>;

function imagesOfFrom(place: FromPlace, platformFlag: string | undefined, globals: DockerfileVariables, stages: ReadonlySet<string>, escapeChar: string, targets: readonly string[]): FromImage[] {
  const byImage = new Map<string, FromImage>();
  for (const target of targets) {
    // Automatic platform ARGs: the build platform is taken to be the target (a native build).
    const vars = new DockerfileVariables();
    for (const [name, value] of [...platformArgs('TARGET', target), ...platformArgs('BUILD', target)]) vars.set(name, value);
    const scope: VariableScope = { lookup: (name) => globals.lookup(name) ?? vars.lookup(name) };
    let platform = target;
    let unresolved: string | undefined;
    if (platformFlag !== undefined) {
      const resolved = resolveWord(platformFlag, scope, escapeChar);
      if (resolved.undefinedNames.length || !parsePlatform(resolved.value)) unresolved = `--platform=${platformFlag} does not resolve to os/arch[/variant]`;
      else platform = resolved.value;
    }
    const resolved = resolveWord(place.written, scope, escapeChar);
    const image = resolved.value.trim();
    if (resolved.undefinedNames.length) unresolved = `cannot resolve ${resolved.undefinedNames.map((n) => `$${n}`).join(', ')} in "${place.written}" (no ARG default; pass --build-arg)`;
    else if (!image) unresolved = `"${place.written}" resolves to an empty image name`;
    if (!unresolved && (image.toLowerCase() === 'scratch' || stages.has(image.toLowerCase()))) continue;
    const key = `${image}\0${unresolved ?? ''}`;
    const entry = byImage.get(key);
    if (entry) {
      if (!entry.platforms.includes(platform)) entry.platforms.push(platform);
    } else {
      byImage.set(key, { image, ...place, platforms: [platform], ...(unresolved ? { unresolved } : {}) });
    }
  }
  return [...byImage.values()];
}

function platformArgs(prefix: 'TARGET' | 'BUILD', platform: string): Array<[string, string]> {
  const parsed = parsePlatform(platform);
  if (!parsed) return [];
  return [
    [`${prefix}PLATFORM`, platform],
    [`${prefix}OS`, parsed.os],
    [`${prefix}ARCH`, parsed.architecture],
    [`${prefix}VARIANT`, parsed.variant],
  ];
}

const PLAIN_REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * A FROM word as the build reads it: quotes removed (nothing is substituted inside single quotes), the
 * escape character taking the next character literally, variables substituted as everywhere in the
 * engine (`substitute`). A variable without a value reads as empty and is named in `undefinedNames`.
 */
export function resolveWord(text: string, scope: VariableScope, escapeChar = '\\'): { value: string; undefinedNames: string[] } {
  let value = '';
  const undefinedNames: string[] = [];
  let pending = '';
  const flush = () => {
    if (!pending) return;
    const substituted = substituteNaming(pending, scope, escapeChar);
    value += substituted.value;
    for (const name of substituted.undefinedNames) if (!undefinedNames.includes(name)) undefinedNames.push(name);
    pending = '';
  };
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escapeChar && i + 1 < text.length && quote !== "'") {
      flush();
      value += text[++i];
    } else if ((c === '"' || c === "'") && (quote === null || quote === c)) {
      quote = quote === null ? c : null;
    } else if (quote === "'") {
      flush();
      value += c;
    } else {
      pending += c;
    }
  }
  flush();
  return { value, undefinedNames };
}

function substituteNaming(text: string, scope: VariableScope, escapeChar: string): { value: string; undefinedNames: string[] } {
  const value = substitute(text, scope, escapeChar);
  if (value !== undefined) return { value, undefinedNames: [] };
  const undefinedNames = [...new Set([...text.matchAll(PLAIN_REFERENCE)].map((m) => m[1] ?? m[2]))].filter((name) => scope.lookup(name) === null);
  const empty: VariableScope = { lookup: (name) => (undefinedNames.includes(name) ? '' : scope.lookup(name)) };
  return { value: substitute(text, empty, escapeChar) ?? '', undefinedNames };
}
