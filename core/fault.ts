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
