// Entry point VS Code's test harness calls in the extension host (`extensionTestsPath`): runs the
// suite in order with Node's assert, no test framework; any failure fails the run.
import { tests } from './suite';

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await t.fn();
      console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failures.push(t.name);
      console.error(`  ✗ ${t.name}\n${(e as Error)?.stack ?? e}`);
    }
  }
  console.log(`${tests.length - failures.length}/${tests.length} passed`);
  if (failures.length) throw new Error(`${failures.length} failed: ${failures.join(', ')}`);
}
