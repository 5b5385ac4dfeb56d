/**
 * Runs one cmdlet in a fresh process and prints one JSON line: wall seconds and peak RSS. The benchmark starts one
 * of these per measurement, so each figure is a process's own peak and nothing else's.
 */
import { findCmdlet } from '../cmdlets/framework/registry.js';
import { bindParameters } from '../cmdlets/framework/binding.js';
import type { CmdletContext } from '../cmdlets/framework/cmdlet.js';

const [name, json] = process.argv.slice(2);
const cmdlet = findCmdlet(name ?? '');
if (!cmdlet || !json) {
  process.stderr.write('usage: child.js <cmdlet> <parameters as JSON>\n');
  process.exit(2);
}
const parameters = JSON.parse(json) as Record<string, unknown>;
const bound = bindParameters(cmdlet.declaration, Object.entries(parameters));
const context: CmdletContext = {
  whatIf: false,
  signal: new AbortController().signal,
  parameterSet: bound.parameterSet,
  verbose: () => undefined,
  warning: () => undefined,
  progress: () => undefined,
  error: (e) => process.stderr.write(`${e.message}\n`),
};
const started = process.hrtime.bigint();
for await (const _ of cmdlet.run(bound.values as never, context)) {
  // output is not needed
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ seconds, peakRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
