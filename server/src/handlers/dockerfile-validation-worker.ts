// Worker thread for the generic Dockerfile validation: it parses the whole file again with
// dockerfile-ast, which costs as much as the Layerlint analysis itself, so the two run in parallel.
import { parentPort } from 'node:worker_threads';
import { validate } from 'dockerfile-utils';
import { VALIDATOR_SETTINGS } from './validator-settings';

parentPort?.on('message', (message: { id: number; text: string }) => {
  try {
    parentPort!.postMessage({ id: message.id, diagnostics: validate(message.text, { ...VALIDATOR_SETTINGS }) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: String((e as Error)?.stack ?? e) });
  }
});
