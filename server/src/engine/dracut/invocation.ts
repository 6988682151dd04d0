// A dracut command line read with dracut's own option grammar (getopt: `--opt value`,
// `--opt=value`, clustered short options, `-i SOURCE TARGET`, positional `[<image> [<kver>]]`).
import type { ShellCommand, ShellWord } from '../model/types';
import { DRACUT_OPTIONS, type DracutOption } from './options';

export const WRAPPED_DRACUT = '/usr/libexec/rpm-ostree/wrapped/dracut';

const BY_LONG = new Map(DRACUT_OPTIONS.map((o) => [o.long, o]));
const BY_SHORT = new Map(DRACUT_OPTIONS.filter((o) => o.short).map((o) => [o.short!, o]));
// Aliases dracut's getopt accepts that its help does not list separately.
BY_LONG.set('host-only', BY_LONG.get('hostonly')!);
BY_LONG.set('no-host-only', BY_LONG.get('no-hostonly')!);

/** Options after which dracut builds no image. */
const NON_BUILDING = new Set(['help', 'version', 'list-modules', 'print-cmdline']);

export interface DracutOptionUse {
  option: DracutOption;
  /** The word holding the option name. */
  word: ShellWord;
  /** For a clustered short option, its index inside the word. */
  clusterIndex?: number;
  /** The option's values; a value is undefined when not known statically. */
  values: { word: ShellWord; value: string | undefined; offsetInWord: number }[];
}

export interface DracutArg {
  word: ShellWord;
  value: string | undefined;
  /** Where the value starts inside the word (after `--kver=`). */
  offsetInWord: number;
}

export interface DracutInvocation {
  command: ShellCommand;
  invokedAs: 'plain' | 'wrapped';
  options: DracutOptionUse[];
  positionals: DracutArg[];
  /** `--kver` (last one wins) or the second positional. */
  kver?: DracutArg;
  image?: DracutArg;
  /** Builds an initramfs (not --help, --list-modules…). */
  builds: boolean;
  regenerateAll: boolean;
  /** RPMOSTREE_CLIWRAP_SKIP set for this call (prefix, export, ENV). */
  cliwrapSkip: boolean;
  /** A word whose value is unknown stood where an option could be: option facts are uncertain. */
  uncertain: boolean;
}

export function isDracut(cmd: ShellCommand): boolean {
  return cmd.name === 'dracut' || cmd.name === '/usr/bin/dracut' || cmd.name === '/bin/dracut' || cmd.name === '/usr/sbin/dracut' || cmd.name === WRAPPED_DRACUT;
}

export function parseDracut(cmd: ShellCommand): DracutInvocation {
  const options: DracutOptionUse[] = [];
  const positionals: DracutArg[] = [];
  let uncertain = false;
  // Flatten brace expansions: each value is one argv entry of the same word.
  const argv: { word: ShellWord; value: string | undefined }[] = [];
  for (const word of cmd.args) {
    if (word.values === undefined) argv.push({ word, value: undefined });
    else for (const value of word.values) argv.push({ word, value });
  }
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const { word, value } = argv[i];
    const take = (n: number): DracutOptionUse['values'] => {
      const out: DracutOptionUse['values'] = [];
      for (let k = 0; k < n && i + 1 < argv.length; k++) {
        i++;
        out.push({ word: argv[i].word, value: argv[i].value, offsetInWord: 0 });
      }
      return out;
    };
    if (value === undefined) {
      // `--kver="$KVER"`: a known option with a value that is not known.
      const withValue = /^--([a-z][a-z0-9-]*)=/.exec(word.text);
      const known = withValue && BY_LONG.get(withValue[1]);
      if (known && known.arity === 1 && !onlyPositionals) {
        options.push({ option: known, word, values: [{ word, value: undefined, offsetInWord: withValue[0].length }] });
        continue;
      }
      // Only a word that can start with `-` can be an option: `"/lib/modules/$K/initramfs.img"` is a path.
      if (mayBeOption(word)) uncertain = true;
      positionals.push({ word, value, offsetInWord: 0 });
      continue;
    }
    if (onlyPositionals || value === '-' || !value.startsWith('-')) {
      positionals.push({ word, value, offsetInWord: 0 });
      continue;
    }
    if (value === '--') {
      onlyPositionals = true;
      continue;
    }
    if (value.startsWith('--')) {
      const eq = value.indexOf('=');
      const name = value.slice(2, eq >= 0 ? eq : undefined);
      const option = BY_LONG.get(name);
      if (!option) continue;
      if (eq >= 0) {
        options.push({ option, word, values: [{ word, value: value.slice(eq + 1), offsetInWord: valueOffset(word, name) }] });
      } else {
        options.push({ option, word, values: take(option.arity) });
      }
      continue;
    }
    // Clustered short options: -fv, -aostree, -a ostree
    for (let k = 1; k < value.length; k++) {
      const option = BY_SHORT.get(value[k]);
      if (!option) continue;
      if (option.arity === 0) {
        options.push({ option, word, clusterIndex: k, values: [] });
        continue;
      }
      const rest = value.slice(k + 1);
      if (rest !== '') options.push({ option, word, clusterIndex: k, values: [{ word, value: rest, offsetInWord: word.text.indexOf(rest) }] });
      else options.push({ option, word, clusterIndex: k, values: take(option.arity) });
      break;
    }
  }
  const kverOption = [...options].reverse().find((o) => o.option.long === 'kver');
  const kver: DracutArg | undefined = kverOption?.values[0] ?? positionals[1];
  const cliwrapSkip = 'RPMOSTREE_CLIWRAP_SKIP' in cmd.assignments || (cmd.env.lookup('RPMOSTREE_CLIWRAP_SKIP') ?? '') !== '';
  return {
    command: cmd,
    invokedAs: cmd.name === WRAPPED_DRACUT ? 'wrapped' : 'plain',
    options,
    positionals,
    kver,
    image: positionals[0],
    builds: !options.some((o) => NON_BUILDING.has(o.option.long)),
    regenerateAll: options.some((o) => o.option.long === 'regenerate-all'),
    cliwrapSkip,
    uncertain,
  };
}

/**
 * An unknown word whose first character is not written out (`$OPTS`, `"${ARGS}"`, a backtick
 * substitution) may hold options — unless it is plainly a kernel version: a variable named like one
 * (`$KERNEL_VERSION`, `"${kver}"`) or the output of the commands that print one (`$(rpm -q …)`,
 * `$(ls /usr/lib/modules)`), the most common dracut calls in real images.
 */
function mayBeOption(word: ShellWord): boolean {
  const first = word.text.replace(/^["']+/, '')[0];
  if (first === '$' && namesKernelVersion(word.text)) return false;
  return first === undefined || first === '$' || first === '`' || first === '-' || first === '\\';
}

const KVER_VARIABLE = /^"?\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))"?$/;
const KVER_NAME = /^(?:(?:qualified|target|new|installed|latest|the)_?)?(?:kernel_?(?:version|release|ver|uname_?r)?|k?ver(?:sion)?|release|kv)$/i;
const KVER_COMMAND = /^"?\$\(\s*(?:rpm\s|ls\s|cd\s|basename\s|find\s+\/(?:usr\/)?lib\/modules)/;

function namesKernelVersion(text: string): boolean {
  const variable = KVER_VARIABLE.exec(text);
  if (variable) return KVER_NAME.test(variable[1] ?? variable[2]);
  return KVER_COMMAND.test(text) && /\)"?$/.test(text);
}

// Where the value of `--name=value` starts in the word as written (quotes may precede it).
function valueOffset(word: ShellWord, name: string): number {
  const i = word.text.indexOf(`${name}=`);
  return i >= 0 ? i + name.length + 1 : 0;
}

export function hasOption(inv: DracutInvocation, ...longs: string[]): boolean {
  return inv.options.some((o) => longs.includes(o.option.long));
}

/** The last of the given options, for flags where the last one wins (-H / -N). */
export function lastOf(inv: DracutInvocation, ...longs: string[]): DracutOptionUse | undefined {
  return [...inv.options].reverse().find((o) => longs.includes(o.option.long));
}
