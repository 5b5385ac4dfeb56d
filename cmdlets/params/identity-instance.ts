/**
 * The Identity / Instance pair of Microsoft's Set-, Remove- and Clear- cmdlets: -Identity names the object, -Instance
 * takes one a Get- cmdlet wrote (from the pipeline, by value), whose Identity property names it.
 */
import { PcmError } from '../../core/errors.js';

export function identityOf(identity: string | undefined, instance: Readonly<Record<string, unknown>> | undefined, getCmdlet: string): string {
  if (identity !== undefined) return identity;
  const fromInstance = instance?.['Identity'];
  if (typeof fromInstance === 'string') return fromInstance;
  throw new PcmError(`-Instance has no Identity: pipe in an object ${getCmdlet} wrote, or name the object with -Identity.`, { errorId: 'InstanceWithoutIdentity', category: 'InvalidArgument', target: 'Instance' });
}
