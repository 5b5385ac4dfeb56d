/** The admin suites' way to call a cmdlet by name, bound as pcm and PowerShell bind it, and to expect a refusal. */
import assert from 'node:assert/strict';
import { findCmdlet } from '../../../cmdlets/framework/registry.js';
import { PcmError } from '../../../core/errors.js';
import { runCmdlet, type CmdletRun } from '../../support/recording-context.js';

export function run(name: string, parameters: Record<string, unknown> = {}): Promise<CmdletRun> {
  return runCmdlet(findCmdlet(name)!, parameters);
}

/** Runs a cmdlet that must refuse, and returns its error (failing the test if it did not refuse). */
export async function refusal(name: string, parameters: Record<string, unknown>): Promise<PcmError> {
  try {
    await run(name, parameters);
  } catch (error) {
    assert.ok(error instanceof PcmError, String(error));
    return error;
  }
  assert.fail(`${name} was not refused`);
}
