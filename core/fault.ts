/**
 * Fault injection for the crash tests (test/crash): with PCM_FAULT=<point>:<n> in the environment, the process kills
 * itself with SIGKILL the n-th time it reaches that point, so a test can stop an export or import exactly
 * between parts, in the middle of a batch or just before a commit. Without the variable this is one cheap check.
 */
const spec = process.env.PCM_FAULT;
const [wantedPoint, wantedCount] = spec ? [spec.slice(0, spec.lastIndexOf(':')), Number(spec.slice(spec.lastIndexOf(':') + 1))] : [undefined, 0];
let reached = 0;

export function faultPoint(point: string): void {
  if (wantedPoint === undefined || point !== wantedPoint) return;
  if (++reached === wantedCount) process.kill(process.pid, 'SIGKILL');
}

const holdSpec = process.env.PCM_HOLD;
const [heldPoint, heldCount] = holdSpec ? [holdSpec.slice(0, holdSpec.lastIndexOf(':')), Number(holdSpec.slice(holdSpec.lastIndexOf(':') + 1))] : [undefined, 0];
let held = 0;

/**
 * A hold for the stop tests: with PCM_HOLD=<point>:<n>, the n-th time the process reaches that point the run waits
 * there until it is stopped (its signal aborts), then throws as a stopped run does. A test can then stop a run that
 * provably has started (it sent what came before the point) and cannot have finished, however loaded the machine.
 */
export async function holdPoint(point: string, signal: AbortSignal): Promise<void> {
  if (heldPoint === undefined || point !== heldPoint || ++held !== heldCount) return;
  if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  signal.throwIfAborted();
}
