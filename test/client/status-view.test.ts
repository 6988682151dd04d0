// The language status item's text, detail, severity and busy flag per server state.
import { describe, expect, it } from 'vitest';
import { statusView } from '../../client/src/status-view';

describe('Layerlint language status', () => {
  const at = new Date(2026, 0, 1, 9, 5, 7);
  const last = { params: { uri: 'file:///w/Containerfile', version: 3, durationMs: 4.2, diagnostics: 2 }, at };

  it('running: the time of the last validation and what it found', () => {
    const v = statusView('running', '', last);
    expect(v).toMatchObject({ severity: 0, busy: false });
    expect(v.text).toMatch(/^Layerlint \d\d:\d\d:\d\d$/);
    expect(v.detail).toMatch(/^language server running · Last validation: Containerfile \(v3\) at .*, 4\.2 ms, 2 problems$/);
    expect(statusView('running', '').text).toBe('Layerlint');
  });

  it('starting and restarting are busy; restarting and stopped warn; failed is an error', () => {
    expect(statusView('starting', '')).toMatchObject({ text: 'Layerlint: starting', severity: 0, busy: true });
    expect(statusView('restarting', 'crash 2, restarting in 400 ms')).toMatchObject({ severity: 1, busy: true, detail: 'language server restarting (crash 2, restarting in 400 ms)' });
    expect(statusView('stopped', '')).toMatchObject({ severity: 1, busy: false });
    expect(statusView('failed', 'crashed repeatedly', last)).toMatchObject({ text: 'Layerlint: failed', severity: 2, busy: false, detail: 'language server failed (crashed repeatedly)' });
  });
});
