/**
 * Bound parameters as PowerShell sends them -> what the shared binder expects. PowerShell has already bound and
 * typed them (the host invokes with `typedValues`, so a String[] element keeps its commas and spaces); a credential
 * arrives as UserName and Password (a SecureString's CLIXML is encrypted for Windows only) and becomes the binder's
 * { userName, password }.
 */
import { findParameter } from '../cmdlets/framework/binding.js';
import type { CmdletDeclaration } from '../cmdlets/framework/cmdlet.js';

function credential(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = value instanceof Map ? [...value] : Object.entries(value);
  const get = (name: string): unknown => entries.find(([k]) => String(k).toLowerCase() === name.toLowerCase())?.[1];
  return { userName: get('UserName'), password: get('Password') };
}

export function adaptParameters(declaration: CmdletDeclaration, parameters: ReadonlyArray<readonly [string, unknown]>): [string, unknown][] {
  return parameters.map(([name, value]) => {
    let type: string;
    try {
      type = findParameter(declaration, name).type;
    } catch {
      return [name, value]; // the binder reports the unknown name
    }
    if (type === 'PSCredential') return [name, credential(value)];
    return [name, value];
  });
}
