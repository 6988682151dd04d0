// A minimal LSP client over the server's stdio: Content-Length framing and JSON-RPC written here,
// so the tests exercise the real wire format (and can send malformed messages on purpose).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli';

export const SERVER = join(ROOT, 'dist', 'server.js');

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string; data?: unknown };
}

type Waiter = { match: (m: Message) => boolean; resolve: (m: Message) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly received: Message[] = [];
  stderr = '';
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private waiters: Waiter[] = [];
  /** Answers to server → client requests (workspace/configuration, client/registerCapability…). */
  onServerRequest: (m: Message) => unknown = (m) => (m.method === 'workspace/configuration' ? (m.params.items as unknown[]).map(() => this.settings) : null);
  settings: unknown = {};
  readonly exited: Promise<number | null>;

  constructor(args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = process.env, nodeArgs: string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, SERVER, ...args], { stdio: 'pipe', env });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stdin.on('error', () => undefined); // EPIPE once the server is gone; `exited` reports it
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      for (const w of this.waiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(new Error(`server exited; stderr:\n${this.stderr}`));
      }
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(m: Message): void {
    this.received.push(m);
    if (m.method && m.id !== undefined) {
      void Promise.resolve(this.onServerRequest(m)).then((result) => this.write({ jsonrpc: '2.0', id: m.id, result: result ?? null }));
    }
    for (const w of [...this.waiters]) {
      if (w.match(m)) {
        clearTimeout(w.timer);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  }

  writeRaw(bytes: string | Buffer): void {
    if (this.child.exitCode !== null || this.child.stdin.destroyed) return;
    this.child.stdin.write(bytes);
  }

  write(m: Message): void {
    const body = Buffer.from(JSON.stringify(m), 'utf8');
    this.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Resolves with the first message (already received after `since`, or arriving) that matches. */
  waitFor(match: (m: Message) => boolean, timeoutMs = 10_000, since = this.received.length): Promise<Message> {
    const seen = this.received.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`no matching message within ${timeoutMs} ms; stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.waiters.push({ match, resolve, reject, timer });
    });
  }

  async request(method: string, params: unknown, timeoutMs = 10_000): Promise<Message> {
    const id = this.nextId++;
    const answer = this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs);
    this.write({ jsonrpc: '2.0', id, method, params });
    return answer;
  }

  /** The result of a request; throws on an error response. */
  async call<T = any>(method: string, params: unknown, timeoutMs?: number): Promise<T> {
    const m = await this.request(method, params, timeoutMs);
    if (m.error) throw new Error(`${method}: ${m.error.code} ${m.error.message}`);
    return m.result as T;
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  async initialize(capabilities: unknown = DEFAULT_CAPABILITIES, initializationOptions?: unknown): Promise<any> {
    const result = await this.call('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions });
    this.notify('initialized', {});
    return result;
  }

  /** The publishDiagnostics for `uri` at `version` (or any version when omitted). */
  diagnostics(uri: string, version?: number, timeoutMs?: number, since?: number): Promise<Message> {
    return this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version), timeoutMs, since);
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async shutdown(): Promise<number | null> {
    if (this.child.exitCode === null) {
      await this.call('shutdown', null).catch(() => undefined);
      this.notify('exit', null);
    }
    return this.exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

export const DEFAULT_CAPABILITIES = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: {
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { dataSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    completion: { completionItem: { snippetSupport: false } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};
