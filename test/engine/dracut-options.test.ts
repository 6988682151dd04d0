// The option table in server/src/engine/dracut/options.ts must be Debian's dracut 059 (package
// dracut-core, installed by `npm test`): the options of its getopt call, their arity, and the short
// options of its --help.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRACUT_OPTIONS } from '../../server/src/engine';

const DRACUT = '/usr/bin/dracut';

// dracut exits 1 after --help and --version; what matters is what it prints.
function dracutSays(arg: string): string {
  const r = spawnSync(DRACUT, [arg], { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run ${DRACUT} (install Debian's dracut-core): ${r.error.message}`);
  return r.stdout + r.stderr;
}

function realGetopt(): { shorts: Map<string, number>; longs: Map<string, number> } {
  const script = readFileSync(DRACUT, 'utf8');
  const call = /getopt \\\n\s*-o "([^"]+)"([\s\S]*?)-- "\$@"/.exec(script);
  if (!call) throw new Error(`no getopt call found in ${DRACUT}`);
  const shorts = new Map<string, number>();
  for (let i = 0; i < call[1].length; i++) {
    const takes = call[1][i + 1] === ':';
    shorts.set(call[1][i], takes ? 1 : 0);
    if (takes) i++;
  }
  const longs = new Map<string, number>();
  for (const m of call[2].matchAll(/--long ([a-z0-9-]+)(:?)/g)) longs.set(m[1], m[2] ? 1 : 0);
  return { shorts, longs };
}

describe('dracut option table', () => {
  it('is the installed dracut 059', () => {
    expect(dracutSays('--version')).toMatch(/dracut 059/);
  });

  it('has every long option of dracut’s getopt call with its arity (and -i/--include with two values)', () => {
    const { longs } = realGetopt();
    const ours = new Map(DRACUT_OPTIONS.map((o) => [o.long, o.arity]));
    for (const [name, arity] of longs) {
      if (['host-only', 'no-host-only'].includes(name)) continue; // aliases, handled by the parser
      expect(ours.get(name), `--${name}`).toBe(arity);
    }
    expect(ours.get('include')).toBe(2);
    expect([...ours.keys()].filter((k) => !longs.has(k) && k !== 'include')).toEqual([]);
  });

  it('has the short options of dracut --help with the arity getopt gives them', () => {
    const { shorts } = realGetopt();
    const help = dracutSays('--help');
    expect(help).toContain('--no-hostonly');
    for (const m of help.matchAll(/^\s+-([a-zA-Z]), --([a-z0-9-]+)/gm)) {
      const option = DRACUT_OPTIONS.find((o) => o.long === m[2]);
      expect(option?.short, `--${m[2]}`).toBe(m[1]);
      if (m[1] !== 'i') expect(option?.arity, `-${m[1]}`).toBe(shorts.get(m[1]));
    }
  });
});
