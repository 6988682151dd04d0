// Loads a CommonJS bundle with a V8 code cache, so a one-shot process skips parsing and compiling most
// of the bundle. Node 20 has no built-in compile cache (module.enableCompileCache is Node 22), hence
// vm.Script's cachedData. Where the cache comes from:
// - `build`: written by `npm run build` beside the bundle, for the Node that built it;
// - `node`: under another Node that has a compile cache of its own (22+), that one;
// - `user`: under another Node without one, a cache in the user's cache directory, written at the
//   exit of the first run (V8 would reject the build's: it is tied to V8's version and flags).
//
// V8 identifies the source only by its length: every cache file therefore starts with a header naming
// the SHA-256 of the bundle it was made for, and the launcher, built together with the bundle, brings
// the hash it expects. A missing, stale or rejected cache only costs the normal compile.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';

export type CodeCacheStatus = 'accepted' | 'rejected' | 'stale' | 'missing';

export interface CodeCacheLoad {
  exports: Record<string, unknown>;
  source: 'build' | 'user' | 'node';
  /** For `build` and `user`: what became of the cache file. */
  status?: CodeCacheStatus;
}

export interface Bundle {
  file: string;
  /** SHA-256 of the file as built. */
  sha256: string;
  /** The cache written at build time. */
  buildCache: string;
  /** `process.version` of the build. */
  builtWith: string;
  /** Directory for caches made at run time under another Node; undefined: none. */
  userCacheDir?: string;
}

/** Environment variable: when set, the build cache is (re)written at process exit, after the run compiled what it used. */
export const WRITE_CODE_CACHE_ENV = 'LAYERLINT_WRITE_CODE_CACHE';

export function codeCacheHeader(bundleSha256: string): Buffer {
  return Buffer.from(`layerlint-code-cache ${bundleSha256}\n`, 'latin1');
}

function readCache(cacheFile: string, header: Buffer): { data?: Buffer; status: CodeCacheStatus } {
  let raw: Buffer;
  try {
    raw = readFileSync(cacheFile);
  } catch {
    return { status: 'missing' };
  }
  if (raw.length <= header.length || !raw.subarray(0, header.length).equals(header)) return { status: 'stale' };
  return { data: raw.subarray(header.length), status: 'accepted' };
}

/** Runs the bundle as a CommonJS module and returns its exports, through the best code cache at hand. */
export function loadWithCodeCache(bundle: Bundle): CodeCacheLoad {
  const producing = Boolean(process.env[WRITE_CODE_CACHE_ENV]);
  if (process.version === bundle.builtWith || producing) return runScript(bundle, bundle.buildCache, producing ? 'fail' : 'never', 'build');
  const enableCompileCache = (Module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (enableCompileCache) {
    enableCompileCache();
    return { exports: createRequire(bundle.file)(bundle.file) as Record<string, unknown>, source: 'node' };
  }
  if (!bundle.userCacheDir) return runScript(bundle, undefined, 'never', 'user');
  const name = `${bundle.file.replace(/^.*[\\/]/, '').replace(/\.js$/, '')}-${bundle.sha256.slice(0, 16)}-${process.version}-${process.arch}.cache`;
  return runScript(bundle, join(bundle.userCacheDir, name), 'when-missing', 'user');
}

function runScript(bundle: Bundle, cacheFile: string | undefined, write: 'never' | 'when-missing' | 'fail', source: 'build' | 'user'): CodeCacheLoad {
  const header = codeCacheHeader(bundle.sha256);
  const cached = cacheFile ? readCache(cacheFile, header) : { status: 'missing' as const };
  const script = new Script(Module.wrap(readFileSync(bundle.file, 'utf8')), {
    filename: bundle.file,
    cachedData: cached.data,
    // The bundles have no import() left (scripts/build.mjs); should one slip in, it still works.
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const status: CodeCacheStatus = cached.data && script.cachedDataRejected ? 'rejected' : cached.status;

  if (cacheFile && (write === 'fail' || (write === 'when-missing' && status !== 'accepted'))) {
    // Written at exit so that the functions the run compiled lazily are in it too; by rename, as
    // several processes may start at once.
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        writeFileSync(tmp, Buffer.concat([header, script.createCachedData()]));
        renameSync(tmp, cacheFile);
      } catch (e) {
        rmSync(tmp, { force: true });
        if (write !== 'fail') return; // a user cache that cannot be written only costs the compile
        process.stderr.write(`layerlint: cannot write the code cache ${cacheFile}: ${(e as Error).message}\n`);
        process.exitCode = 3;
      }
    });
  }

  const mod = new Module(bundle.file, require.main);
  mod.filename = bundle.file;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(bundle.file), mod, bundle.file, dirname(bundle.file));
  mod.loaded = true;
  return { exports: mod.exports as Record<string, unknown>, source, status };
}
