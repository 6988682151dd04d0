// A tiny LSP client for the benchmarks: spawns a server over stdio, Content-Length framing and
// JSON-RPC written here (the tests' TypeScript LspClient does the same; the benches stay plain .mjs).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export class Lsp {
  /** `command` and `args` of a server speaking LSP on stdio (e.g. node dist/server.js --stdio). */
  constructor(command, args, { env = process.env, cwd } = {}) {
    this.child = spawn(command, args, { stdio: 'pipe', env, cwd });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.waiters = [];
    this.stderr = '';
    /** Answers to server → client requests: workspace/configuration gets `settings` per item. */
    this.settings = {};
    /** Every publishDiagnostics, with the time it was parsed. */
    this.onDiagnostics = undefined;
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.child.stderr.on('data', (chunk) => (this.stderr += chunk.toString()));
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? signal)));
    void this.exited.then(() => {
      for (const w of this.waiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(new Error(`${command} ${args.join(' ')} exited; stderr:\n${this.stderr.slice(-4000)}`));
      }
    });
  }

  get pid() {
    return this.child.pid;
  }

  onData(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body), process.hrtime.bigint());
    }
  }

  dispatch(m, at) {
    if (m.method && m.id !== undefined) {
      const result = m.method === 'workspace/configuration' ? m.params.items.map(() => this.settings) : null;
      this.write({ jsonrpc: '2.0', id: m.id, result });
      return;
    }
    for (const w of [...this.waiters]) {
      if (w.match(m)) {
        clearTimeout(w.timer);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve({ message: m, at });
      }
    }
  }

  write(m) {
    const body = Buffer.from(JSON.stringify(m), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Resolves with `{ message, at }` (at: hrtime in ns) for the next message that matches. */
  waitFor(match, timeoutMs = 10_000, what = 'message') {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`no ${what} within ${timeoutMs} ms; stderr:\n${this.stderr.slice(-4000)}`));
      }, timeoutMs);
      this.waiters.push({ match, resolve, reject, timer });
    });
  }

  async call(method, params, timeoutMs = 30_000) {
    const id = this.nextId++;
    const answer = this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs, `answer to ${method}`);
    this.write({ jsonrpc: '2.0', id, method, params });
    const { message } = await answer;
    if (message.error) throw new Error(`${method}: ${message.error.code} ${message.error.message}`);
    return message.result;
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  async initialize(capabilities = CAPABILITIES) {
    const result = await this.call('initialize', { processId: process.pid, rootUri: null, capabilities }, 60_000);
    this.notify('initialized', {});
    return result;
  }

  /** The publishDiagnostics for `uri` at `version` (any version when the server sends none). */
  diagnostics(uri, version, timeoutMs = 30_000) {
    return this.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === undefined || m.params.version === version),
      timeoutMs,
      `publishDiagnostics for ${uri} version ${version}`,
    );
  }

  async shutdown() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await this.call('shutdown', null, 10_000).catch(() => undefined);
      this.notify('exit', null);
      const t = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(t);
    }
    return this.exited;
  }
}

/** VmHWM and VmRSS of a process in MB, from /proc (Linux only; undefined elsewhere). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

export const CAPABILITIES = {
  workspace: { configuration: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};
