// Loads dist/extension.js and calls activate() with a stand-in `vscode` module, outside VS Code;
// prints {"loadMs":…,"activateMs":…,"subscriptions":…,"calls":[{name, args}…]}. Used by activation.test.ts in a fresh process.
// The stand-in: a plain object with every top-level name of @types/vscode (bundlers copy a CommonJS
// module's own properties), each a proxy whose properties, calls and `new` give more proxies.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** Every call into the stand-in (name and JSON-able arguments), in order. */
const calls = [];

function stub(name) {
  const props = new Map();
  return new Proxy(function () {}, {
    get(t, p) {
      if (p === 'then') return undefined;
      if (p === 'prototype') return t.prototype;
      if (p === Symbol.toPrimitive) return () => `[${name}]`;
      if (p === Symbol.iterator) return function* () {};
      if (!props.has(p)) props.set(p, stub(`${name}.${String(p)}`));
      return props.get(p);
    },
    set(_t, p, v) {
      props.set(p, v);
      return true;
    },
    apply: (_t, _this, args) => {
      calls.push({ name, args: args.map((a) => (typeof a === 'function' || (typeof a === 'object' && a !== null && !Array.isArray(a) && Object.getPrototypeOf(a) !== Object.prototype) ? '[object]' : a)) });
      return stub(`${name}()`);
    },
    construct: () => stub(`new ${name}`),
  });
}

const root = join(__dirname, '..', '..');
const api = {};
const dts = readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [root] }), 'utf8');
for (const m of dts.matchAll(/^\t(?:export )?(?:class|enum|namespace|function|const|let|var) (\w+)/gm)) api[m[1]] ??= stub(`vscode.${m[1]}`);
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? api : load.call(this, request, ...rest);
};

const context = { subscriptions: [], asAbsolutePath: (p) => join(root, p), extension: { packageJSON: { version: 'probe' } } };
const t0 = performance.now();
const ext = require(join(root, 'dist', 'extension.js'));
const t1 = performance.now();
const result = ext.activate(context);
const t2 = performance.now();
result.serverReady.catch(() => undefined); // no VS Code: the client cannot start
const vscodeCalls = calls.map((c) => ({ name: c.name, args: JSON.parse(JSON.stringify(c.args, (_k, v) => (typeof v === 'function' ? '[function]' : v))) }));
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, subscriptions: context.subscriptions.length, calls: vscodeCalls }) + '\n');
setTimeout(() => process.exit(0), 20);
