import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

// The wasm files sit beside the bundle (dist/) at run time, and in node_modules when running from source.
function locate(file: string, packageDir: string): string {
  const candidates = [join(__dirname, file), join(__dirname, '..', '..', '..', '..', 'node_modules', packageDir, file), join(process.cwd(), 'node_modules', packageDir, file)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`layerlint: cannot find ${file} (looked in ${candidates.join(', ')})`);
  return found;
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads web-tree-sitter and the bash grammar. Idempotent. */
export function initShellParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locate('tree-sitter.wasm', 'web-tree-sitter') });
    const bash = await Language.load(locate('tree-sitter-bash.wasm', 'tree-sitter-bash'));
    const p = new Parser();
    p.setLanguage(bash);
    parser = p;
  })();
  return loading;
}

/** Parses shell text; the caller must `delete()` the tree when done (it lives in the wasm heap). */
export function parseShell(text: string): Tree {
  if (!parser) throw new Error('layerlint: initEngine() must be awaited before analyze()');
  const tree = parser.parse(text);
  if (!tree) throw new Error('layerlint: the shell parser returned no tree');
  return tree;
}
