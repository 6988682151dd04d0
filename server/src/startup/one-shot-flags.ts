import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags for a one-shot CLI process. It does not live long enough to profit from optimised wasm
 * (the shell parser; undici's HTTP parser): without TurboFan the process does not wait for background
 * compilation at exit. Lazy wasm compilation compiles only the grammar functions a file needs
 * (npm run bench; figures in CONTRIBUTING.md, "Performance"). LAYERLINT_TURBOFAN=1 keeps V8's defaults.
 */
export function applyOneShotFlags(): void {
  if (!process.env.LAYERLINT_TURBOFAN) setFlagsFromString('--liftoff-only --wasm-lazy-compilation');
}
