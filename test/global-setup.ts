import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Tests spawn the bundled CLI and server; fail early with a clear message when they are not built.
export default function setup(): void {
  const cli = join(__dirname, '..', 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` (npm test does it for you).`);
}
