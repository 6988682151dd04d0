// Loads a CommonJS bundle with a V8 code cache written at build time (scripts/build.mjs), so a
// one-shot process skips parsing and compiling most of the bundle. Node 20 has no built-in compile
// cache (module.enableCompileCache is Node 22), hence vm.Script's cachedData. Under another Node than
// the build's, V8 would reject the cache anyway: the bundle is then required normally, through Node's
// own compile cache where it has one.
//
// V8 checks the cache against its own version and flags and rejects a mismatch (another Node), but it
// identifies the source only by length: the cache file therefore starts with a header naming the
// SHA-256 of the bundle it was made for, and the launcher, built together with the bundle, brings the
// hash it expects. A missing, stale or rejected cache only costs the normal compile.
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';

export type CodeCacheStatus = 'accepted' | 'rejected' | 'stale' | 'missing' | 'other-node';

export interface CodeCacheLoad {
  exports: Record<string, unknown>;
  status: CodeCacheStatus;
}

/** Environment variable: when set, the cache is (re)written at process exit, after the run compiled what it used. */
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

/**
 * Runs the bundle at `bundleFile` as a CommonJS module and returns its exports. `bundleSha256` is the
 * hash of that file as built, `builtWith` the Node version that made the cache; the cache is used only
 * when its header names the same hash.
 */
export function loadWithCodeCache(bundleFile: string, cacheFile: string, bundleSha256: string, builtWith: string): CodeCacheLoad {
  if (process.version !== builtWith && !process.env[WRITE_CODE_CACHE_ENV]) {
    (Module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
    return { exports: createRequire(bundleFile)(bundleFile) as Record<string, unknown>, status: 'other-node' };
  }
  const header = codeCacheHeader(bundleSha256);
  const cached = readCache(cacheFile, header);
  const source = readFileSync(bundleFile, 'utf8');
  const script = new Script(Module.wrap(source), {
    filename: bundleFile,
    cachedData: cached.data,
    // Bundled libraries may still call import() (web-tree-sitter reads its wasm through fs/promises).
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const status: CodeCacheStatus = cached.data && script.cachedDataRejected ? 'rejected' : cached.status;

  if (process.env[WRITE_CODE_CACHE_ENV]) {
    // Written at exit so that the functions the run compiled lazily are in it too.
    process.once('exit', () => {
      try {
        writeFileSync(cacheFile, Buffer.concat([header, script.createCachedData()]));
      } catch (e) {
        process.stderr.write(`layerlint: cannot write the code cache ${cacheFile}: ${(e as Error).message}\n`);
        process.exitCode = 3;
      }
    });
  }

  const mod = new Module(bundleFile, require.main);
  mod.filename = bundleFile;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(bundleFile), mod, bundleFile, dirname(bundleFile));
  mod.loaded = true;
  return { exports: mod.exports as Record<string, unknown>, status };
}
