// The extension in a real VS Code: activation, file association, live diagnostics from the bundled
// server, and the dracut quick fix applied to the OKD 4.14 kernel-swap Containerfile.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LayerlintApi } from '../../client/src/extension';

const workspace = process.env.LAYERLINT_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
const OKD = join(workspace, 'okd-4.14-kernel-swap', 'Containerfile');
const OKD_FIXED = join(workspace, 'okd-4.14-kernel-swap', 'Containerfile.fixed');

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'layerlint');

/** Waits until `predicate` holds for the Layerlint diagnostics of `uri`. */
function diagnostics(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = ours(uri);
      if (!predicate(ds)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out; diagnostics now: ${JSON.stringify(ours(uri).map(codeOf))}`));
    }, timeoutMs);
    check();
  });
}

async function api(): Promise<LayerlintApi> {
  const ext = vscode.extensions.getExtension<LayerlintApi>('layerlint.layerlint');
  assert.ok(ext, 'extension layerlint.layerlint is installed');
  return ext.isActive ? ext.exports : ext.activate();
}

export const tests: { name: string; fn: () => Promise<void> }[] = [
  {
    name: 'a Containerfile opens as dockerfile and activates the extension in under 200 ms',
    fn: async () => {
      const doc = await vscode.workspace.openTextDocument(OKD);
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'dockerfile');
      const a = await api();
      await a.serverReady;
      assert.ok(a.activationMs < 200, `activate took ${a.activationMs} ms`);
      const commands = await vscode.commands.getCommands(true);
      for (const c of ['layerlint.checkPlatforms', 'layerlint.showRuleDocumentation', 'layerlint.restartServer']) assert.ok(commands.includes(c), c);
    },
  },
  {
    name: 'the OKD 4.14 kernel swap gets its diagnostics from source layerlint',
    fn: async () => {
      const ds = await diagnostics(vscode.Uri.file(OKD), (d) => d.some((x) => codeOf(x) === 'kernel-without-initramfs'));
      const codes = ds.map(codeOf);
      assert.ok(codes.includes('cliwrap-same-run'), codes.join(', '));
      const kernel = ds.find((d) => codeOf(d) === 'kernel-without-initramfs')!;
      assert.equal(kernel.severity, vscode.DiagnosticSeverity.Error);
      assert.match(kernel.message, /cannot open root device/);
    },
  },
  {
    name: 'the dracut quick fix regenerates the initramfs and the error goes away',
    fn: async () => {
      const uri = vscode.Uri.file(OKD);
      const doc = await vscode.workspace.openTextDocument(uri);
      const kernel = ours(uri).find((d) => codeOf(d) === 'kernel-without-initramfs');
      assert.ok(kernel);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, kernel.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => /dracut/i.test(a.title) && a.diagnostics?.some((d) => codeOf(d) === 'kernel-without-initramfs'));
      assert.ok(fix, `quick fixes offered: ${actions.map((a) => a.title).join(' | ')}`);
      if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit));
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.match(doc.getText(), /dracut --no-hostonly --kver 6\.4\.15-200\.fc38\.x86_64 .*--add ostree .*\/usr\/lib\/modules\/6\.4\.15-200\.fc38\.x86_64\/initramfs\.img/);
      await diagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'kernel-without-initramfs'));
    },
  },
  {
    name: 'Containerfile.fixed is associated too and has no errors',
    fn: async () => {
      const doc = await vscode.workspace.openTextDocument(OKD_FIXED);
      assert.equal(doc.languageId, 'dockerfile');
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(
        ours(doc.uri)
          .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
          .map(codeOf),
        [],
      );
    },
  },
  {
    name: 'an untitled dockerfile document is checked as well',
    fn: async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM quay.io/fedora/fedora-bootc:41\nRUN dracut -f\n' });
      await vscode.window.showTextDocument(doc);
      const ds = await diagnostics(doc.uri, (d) => d.length > 0);
      assert.ok(ds.every((d) => d.source === 'layerlint'));
    },
  },
];
