// Registry credentials from the standard auth files and docker-credential-* helpers
// (containers-auth.json(5), https://github.com/containers/image/blob/main/docs/containers-auth.json.5.md).
// Credentials never leave this module except as an Authorization header built by the transport.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

export interface Credentials {
  username: string;
  password: string;
}

export type CredentialLookup = (registry: string, repository: string) => Promise<Credentials | undefined>;

interface AuthFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** The auth files in the order containers/image consults them. */
export function authFilePaths(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME || homedir();
  const out: string[] = [];
  if (env.REGISTRY_AUTH_FILE) out.push(env.REGISTRY_AUTH_FILE);
  if (env.XDG_RUNTIME_DIR) out.push(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
  out.push(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'containers', 'auth.json'));
  out.push(join(env.DOCKER_CONFIG || join(home, '.docker'), 'config.json'));
  return out;
}

/** `https://index.docker.io/v1/` → `docker.io`; `quay.io/org/repo` stays. */
function normalizeKey(key: string): string {
  let k = key.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (/^(index\.)?docker\.io(\/v1)?$/.test(k) || k === 'registry-1.docker.io') return 'docker.io';
  k = k.replace(/\/v[12]$/, '');
  return k.replace(/^(index\.)?docker\.io\//, 'docker.io/');
}

function decodeAuth(entry: { auth?: string; username?: string; password?: string }): Credentials | undefined {
  if (entry.auth) {
    const plain = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = plain.indexOf(':');
    if (colon <= 0) return undefined;
    return { username: plain.slice(0, colon), password: plain.slice(colon + 1) };
  }
  if (entry.username && entry.password !== undefined) return { username: entry.username, password: entry.password };
  return undefined;
}

/** Longest key that is the registry itself or a repository-path prefix of `registry/repository`. */
function matchAuths(auths: AuthFile['auths'], registry: string, repository: string): Credentials | undefined {
  if (!auths) return undefined;
  const full = `${registry}/${repository}`;
  let best: { len: number; creds: Credentials } | undefined;
  for (const [key, entry] of Object.entries(auths)) {
    const k = normalizeKey(key);
    if (!(k === registry || (full.startsWith(k) && (full.length === k.length || full[k.length] === '/')))) continue;
    const creds = entry && typeof entry === 'object' ? decodeAuth(entry) : undefined;
    if (creds && (!best || k.length > best.len)) best = { len: k.length, creds };
  }
  return best?.creds;
}

/**
 * The absolute path of a program from PATH, skipping empty, `.` and other relative entries: the
 * language server's working directory is the user's checkout, and a `docker-credential-desktop.exe`
 * there must not run (Windows looks in the current directory first for a bare name).
 */
export function programOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const pathValue = (platform === 'win32' ? Object.entries(env).find(([k]) => k.toUpperCase() === 'PATH')?.[1] : env.PATH) ?? '';
  // Windows: .exe only (.bat/.cmd would need a shell, which execFile does not start).
  const extensions = platform === 'win32' ? ['.exe'] : [''];
  const pathApi = platform === 'win32' ? win32 : posix;
  for (const dir of pathValue.split(platform === 'win32' ? ';' : ':')) {
    if (!dir || !pathApi.isAbsolute(dir)) continue;
    for (const ext of extensions) {
      const candidate = pathApi.join(dir, name + ext);
      try {
        if (!statSync(candidate).isFile()) continue;
        if (platform !== 'win32') accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not there, or not executable
      }
    }
  }
  return undefined;
}

/** Runs `docker-credential-<helper> get` with the registry on stdin. Not found → undefined. */
export async function runCredentialHelper(helper: string, registry: string, env: NodeJS.ProcessEnv): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9._-]+$/.test(helper)) return undefined;
  const program = programOnPath(`docker-credential-${helper}`, env);
  if (!program) return undefined;
  // Loaded here: most checks never run a helper, and child_process costs a few ms at start-up.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = execFile(program, ['get'], { env, timeout: 10_000, maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) return resolve(undefined);
      try {
        const j = JSON.parse(stdout) as { Username?: string; Secret?: string };
        if (typeof j.Secret === 'string' && typeof j.Username === 'string' && j.Username !== '<token>') resolve({ username: j.Username, password: j.Secret });
        else resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end(registry);
  });
}

/** Credential lookup over the auth files, first file with an answer wins; results are memoised. */
export function credentialLookup(env: NodeJS.ProcessEnv = process.env): CredentialLookup {
  const memo = new Map<string, Promise<Credentials | undefined>>();
  let files: Promise<AuthFile[]> | undefined;
  const load = () =>
    (files ??= Promise.all(
      authFilePaths(env).map(async (p) => {
        try {
          const j = JSON.parse(readFileSync(p, 'utf8')) as unknown;
          return j && typeof j === 'object' ? (j as AuthFile) : {};
        } catch {
          return {};
        }
      }),
    ));
  return (registry, repository) => {
    const key = `${registry}/${repository}`;
    let p = memo.get(key);
    if (!p) {
      p = (async () => {
        for (const file of await load()) {
          const helper = file.credHelpers?.[registry];
          if (helper) {
            const c = await runCredentialHelper(helper, registry, env);
            if (c) return c;
          }
          const c = matchAuths(file.auths, registry, repository);
          if (c) return c;
          if (file.credsStore) {
            const s = await runCredentialHelper(file.credsStore, registry, env);
            if (s) return s;
          }
        }
        return undefined;
      })();
      memo.set(key, p);
    }
    return p;
  };
}
