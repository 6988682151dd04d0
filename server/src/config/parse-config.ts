// Parsing and validating a configuration file's text (see project-config.ts): yaml for the tree and its
// positions, ajv for schema/layerlint.schema.json.
import Ajv, { type ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { SeveritySetting } from '../engine';
import schema from '../../../schema/layerlint.schema.json';
import { ConfigError, type ConfigFailureThreshold, type ProjectConfig } from './types';

const USER_LEVEL_ONLY: Record<string, string> = {
  insecureRegistries: "insecure registries are a user-level setting (--insecure-registry, registries.conf, the editor's user settings); a repository's file cannot set them",
  authFile: "the registry auth file is a user-level setting; a repository's file cannot set it",
};

let validateSchema: ReturnType<Ajv['compile']> | undefined;

/** Parses and validates the text of a configuration file named `path` (for messages). */
export function parseConfig(text: string, path: string): ProjectConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${path}:${line}:${col}`;
  };
  if (doc.errors.length) throw new ConfigError(doc.errors.map((e) => `${at(e.pos[0])}: invalid YAML: ${e.message.split('\n')[0]}`));
  const data: unknown = doc.contents === null ? {} : doc.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError([`${at(doc.contents?.range?.[0] ?? 0)}: the configuration must be a mapping of keys (severities, ignore, buildArgs, …)`]);
  }
  validateSchema ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  const problems: string[] = [];
  for (const key of Object.keys(data)) {
    if (USER_LEVEL_ONLY[key]) problems.push(`${at(locate(doc.contents, [key], 'key'))}: ${key}: ${USER_LEVEL_ONLY[key]}`);
  }
  if (!validateSchema(data)) {
    for (const e of validateSchema.errors ?? []) {
      const message = describe(e, data as Record<string, unknown>);
      if (message) problems.push(`${at(message.offset(doc.contents))}: ${message.key}: ${message.text}`);
    }
  }
  if (problems.length) throw new ConfigError([...new Set(problems)]);
  return toConfig(data as RawConfig, path);
}

interface RawConfig {
  severities?: Record<string, SeveritySetting>;
  ignore?: string[];
  buildArgs?: Record<string, string | number | boolean>;
  rpmOstreeVersion?: string;
  bases?: Record<string, string>;
  platforms?: string[];
  failureThreshold?: ConfigFailureThreshold;
}

function toConfig(raw: RawConfig, path: string): ProjectConfig {
  const severities: Record<string, SeveritySetting> = { ...raw.severities };
  for (const code of raw.ignore ?? []) severities[code] = 'off';
  const buildArgs: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.buildArgs ?? {})) buildArgs[k] = String(v);
  return { path, severities, buildArgs, rpmOstreeVersion: raw.rpmOstreeVersion, bases: { ...raw.bases }, platforms: raw.platforms, failureThreshold: raw.failureThreshold };
}

const segments = (pointer: string) =>
  pointer
    ? pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : [];

/** Offset of the key or value at `path` in the YAML tree (the nearest existing ancestor if absent). */
function locate(root: YamlNode | null, path: string[], part: 'key' | 'value'): number {
  let node: YamlNode | null = root;
  let offset = root?.range?.[0] ?? 0;
  for (let i = 0; i < path.length && node; i++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === path[i]);
      if (!pair) break;
      const key = pair.key as YamlNode;
      const value = pair.value as YamlNode | null;
      offset = i === path.length - 1 && part === 'key' ? key.range![0] : (value?.range?.[0] ?? key.range![0]);
      node = value;
    } else if ('items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      const item = (node as { items: YamlNode[] }).items[Number(path[i])];
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

function describe(e: ErrorObject, data: Record<string, unknown>): { key: string; text: string; offset: (root: YamlNode | null) => number } | undefined {
  const path = segments(e.instancePath);
  const key = path.join('.') || '(top level)';
  const value = (root: YamlNode | null) => locate(root, path, 'value');
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      if (path.length === 0 && USER_LEVEL_ONLY[extra]) return undefined;
      const allowed = path.length === 0 ? ` (known keys: ${Object.keys(schema.properties).join(', ')})` : '';
      return { key: [...path, extra].join('.'), text: `unknown key${allowed}`, offset: (root) => locate(root, [...path, extra], 'key') };
    }
    case 'propertyNames':
      return undefined; // reported by the `enum` error on the name itself
    case 'enum': {
      if (e.propertyName !== undefined) {
        return { key: [...path, e.propertyName].join('.'), text: `unknown rule "${e.propertyName}"`, offset: (root) => locate(root, [...path, e.propertyName!], 'key') };
      }
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const got = path.reduce<unknown>((v, s) => (v as Record<string, unknown>)?.[s], data);
      const what = path[0] === 'ignore' ? `unknown rule "${String(got)}"` : `must be one of ${allowed.join(', ')} (got ${JSON.stringify(got)})`;
      return { key, text: what, offset: value };
    }
    case 'pattern':
      if (e.propertyName !== undefined) {
        return {
          key: [...path, e.propertyName].join('.'),
          text: 'must be an image glob such as registry.example.com/*/base:* (no spaces)',
          offset: (root) => locate(root, [...path, e.propertyName!], 'key'),
        };
      }
      return {
        key,
        text: path[0] === 'rpmOstreeVersion' ? 'must be a version like "2024.3"' : path[0] === 'platforms' ? 'must be os/arch[/variant], e.g. linux/arm64' : `must match ${e.params.pattern}`,
        offset: value,
      };
    case 'type':
      return { key, text: `must be ${article(String(e.params.type))}`, offset: value };
    case 'uniqueItems':
      return { key, text: 'lists an item twice', offset: value };
    default:
      return { key, text: e.message ?? e.keyword, offset: value };
  }
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', 'string,number,boolean': 'a string' };
  return names[type] ?? type;
}
