// The Layerlint analysis and dockerfile-utils' validator both parse the same text with
// dockerfile-ast, the costliest step of either. Remembering the last parse lets the validator,
// run right after the analysis on the same thread, reuse it instead of parsing again.
import { DockerfileParser } from 'dockerfile-ast';

type Parse = typeof DockerfileParser.parse;

let installed = false;
let last: { text: string; result: ReturnType<Parse> } | undefined;

/** Wraps DockerfileParser.parse with a one-entry memo (idempotent). */
export function shareDockerfileParses(): void {
  if (installed) return;
  installed = true;
  const parse: Parse = DockerfileParser.parse.bind(DockerfileParser);
  DockerfileParser.parse = (text: string) => {
    if (last?.text === text) return last.result;
    const result = parse(text);
    last = { text, result };
    return result;
  };
}

/** Drops the remembered parse (it holds a whole syntax tree). */
export function forgetSharedParse(): void {
  last = undefined;
}
