// Which files `layerlint lint` reads: files named on the command line as they are; directories (and
// no argument at all: the current one) searched for Containerfiles; globs matched below their base.
// Directory and glob searches skip what git ignores: the .gitignore files from the repository's root
// down, and .git/info/exclude.
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

/** Containerfile, Containerfile.*, *.containerfile, Dockerfile, Dockerfile.*, *.dockerfile. */
export const CONTAINERFILE_NAME = /^(?:Containerfile|Dockerfile)(?:\..+)?$|.\.(?:containerfile|dockerfile)$/;

export interface Discovery {
  /** Paths to read, in order; `-` is standard input. */
  paths: string[];
  /** Arguments that named nothing to lint (a directory without Containerfiles, a glob matching nothing). */
  unmatched: string[];
}

interface IgnoreScope {
  /** Absolute directory the patterns are relative to. */
  dir: string;
  rules: Ignore;
}

const toPosix = (p: string) => p.split(sep).join('/');

function readIgnoreFile(file: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The git repository holding `dir` (the nearest ancestor with a `.git`), if any. */
function repositoryRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The ignore scopes that apply inside `dir`: .git/info/exclude, then each .gitignore from the root down to dir's parent. */
function scopesAbove(dir: string, root: string): IgnoreScope[] {
  const scopes: IgnoreScope[] = [];
  const exclude = readIgnoreFile(join(root, '.git', 'info', 'exclude'));
  if (exclude) scopes.push({ dir: root, rules: exclude });
  const chain: string[] = [];
  for (let d = dirname(dir); d.startsWith(root) && d !== dirname(root); d = dirname(d)) {
    chain.unshift(d);
    if (d === root) break;
  }
  for (const d of chain) {
    const rules = readIgnoreFile(join(d, '.gitignore'));
    if (rules) scopes.push({ dir: d, rules });
  }
  return scopes;
}

function ignored(scopes: IgnoreScope[], absolute: string, isDir: boolean): boolean {
  return scopes.some((s) => {
    const rel = toPosix(relative(s.dir, absolute));
    return rel !== '' && !rel.startsWith('..') && s.rules.ignores(isDir ? `${rel}/` : rel);
  });
}

/** Every file below `dir` that `accept` takes, git-ignored paths and `.git` skipped, sorted; symlinked directories are not followed. */
function walk(dir: string, display: string, accept: (display: string, name: string) => boolean): string[] {
  const absoluteRoot = resolve(dir);
  // As git: .gitignore files mean nothing outside a repository.
  const repository = repositoryRoot(absoluteRoot);
  const found: string[] = [];
  const visit = (absolute: string, shown: string, inherited: IgnoreScope[]) => {
    const own = repository ? readIgnoreFile(join(absolute, '.gitignore')) : undefined;
    const scopes = own ? [...inherited, { dir: absolute, rules: own }] : inherited;
    let entries: Dirent[];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const childAbsolute = join(absolute, entry.name);
      const childShown = shown === '' ? entry.name : join(shown, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          isFile = statSync(childAbsolute).isFile();
        } catch {
          isFile = false;
        }
        isDir = false;
      }
      if (!isDir && !isFile) continue;
      if (ignored(scopes, childAbsolute, isDir)) continue;
      if (isDir) visit(childAbsolute, childShown, scopes);
      else if (accept(childShown, entry.name)) found.push(childShown);
    }
  };
  visit(absoluteRoot, display, repository ? scopesAbove(absoluteRoot, repository) : []);
  return found;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Expands the command line's paths; `[]` means the current directory. */
export function discoverFiles(args: string[]): Discovery {
  const paths: string[] = [];
  const unmatched: string[] = [];
  const targets = args.length ? args : ['.'];
  for (const arg of targets) {
    if (arg === '-' || existsSync(arg)) {
      if (arg !== '-' && isDirectory(arg)) {
        const files = walk(arg, arg === '.' ? '' : arg, (_shown, name) => CONTAINERFILE_NAME.test(name));
        if (files.length) paths.push(...files);
        else unmatched.push(arg);
      } else paths.push(arg);
      continue;
    }
    const scan = picomatch.scan(arg);
    if (!scan.isGlob) {
      paths.push(arg); // reported as unreadable by readInputs
      continue;
    }
    const isMatch = picomatch(toPosix(arg).replace(/^\.\//, ''));
    const base = scan.base || '.';
    const files = isDirectory(base) ? walk(base, base === '.' ? '' : base, (shown) => isMatch(toPosix(shown))) : [];
    if (files.length) paths.push(...files);
    else unmatched.push(arg);
  }
  return { paths: [...new Set(paths)], unmatched };
}
