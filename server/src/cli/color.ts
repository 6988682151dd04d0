// Whether to colour a stream's output: a terminal's own answer (`tty.WriteStream.hasColors()`, which
// reads NO_COLOR, NODE_DISABLE_COLORS, FORCE_COLOR and TERM=dumb); FORCE_COLOR also colours a pipe.
export interface MaybeTerminal {
  isTTY?: boolean;
  hasColors?: (count?: number, env?: NodeJS.ProcessEnv) => boolean;
}

export function wantsColor(stream: MaybeTerminal, env: NodeJS.ProcessEnv = process.env): boolean {
  if (typeof stream.hasColors === 'function') return stream.hasColors(16, env);
  const force = env.FORCE_COLOR;
  return force !== undefined && force !== '0' && force !== 'false';
}
