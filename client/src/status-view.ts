// What the Layerlint language status item shows for a server state. vscode-free.
import type { ValidatedParams } from '../../shared/protocol';
import { clock, describeValidation } from './report';

export type ServerState = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

export interface StatusView {
  text: string;
  detail: string;
  /** LanguageStatusSeverity: 0 information, 1 warning, 2 error. */
  severity: 0 | 1 | 2;
  busy: boolean;
}

export function statusView(state: ServerState, detail: string, last?: { params: ValidatedParams; at: Date }): StatusView {
  const running = state === 'running';
  return {
    text: `Layerlint${running && last ? ` ${clock(last.at)}` : running ? '' : `: ${state}`}`,
    detail: [`language server ${state}${detail ? ` (${detail})` : ''}`, running && last ? describeValidation(last.params, last.at) : ''].filter(Boolean).join(' · '),
    severity: state === 'failed' ? 2 : state === 'restarting' || state === 'stopped' ? 1 : 0,
    busy: state === 'starting' || state === 'restarting',
  };
}
