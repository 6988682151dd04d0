// A stand-in for the `vscode` module, good enough to load the bundled extension and call `activate`
// outside VS Code: every property is another stub, every call and `new` returns one. Used to
// measure the extension's own load and activation cost (what VS Code reports as activation time,
// minus the extension host's IPC).
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';

export function stub(name = 'vscode'): any {
  const target = function () {};
  const props = new Map<string | symbol, unknown>();
  return new Proxy(target, {
    get(t, p) {
      if (p === 'then') return undefined; // not a thenable
      if (p === Symbol.toPrimitive) return () => `[${name}]`;
      if (p === Symbol.iterator) return function* () {};
      if (p === 'prototype') return t.prototype;
      if (!props.has(p)) props.set(p, stub(`${name}.${String(p)}`));
      return props.get(p);
    },
    set(_t, p, v) {
      props.set(p, v);
      return true;
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

/**
 * The `vscode` module: a plain object with every top-level name of @types/vscode (bundlers copy a
 * CommonJS module's own properties), each a stub.
 */
export function vscodeStub(): Record<string, unknown> {
  const dts = readFileSync(createRequire(__filename).resolve('@types/vscode/index.d.ts'), 'utf8');
  const api: Record<string, unknown> = {};
  for (const m of dts.matchAll(/^\t(?:export )?(?:class|enum|namespace|function|const|let|var) (\w+)/gm)) api[m[1]] ??= stub(`vscode.${m[1]}`);
  return api;
}

/** Makes `require('vscode')` answer `api` while `fn` runs. */
export function withVscode<T>(api: unknown, fn: () => T): T {
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? api : load.call(this, request, ...rest);
  };
  try {
    return fn();
  } finally {
    M._load = load;
  }
}
