/** A target claim (store/target-claim.ts): its holder and the error a second run gets. */
import { PcmError } from '../core/errors.js';

export interface TargetClaim {
  /** Gives the claim up; safe to call more than once. */
  release(): Promise<void>;
}

/** Who holds a claim, as the second run's error names it. */
export interface ClaimHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  readonly command: string;
}

export function describeHolder(holder: ClaimHolder | string | undefined): string {
  if (typeof holder === 'string') return holder;
  if (!holder) return 'a process whose details could not be read';
  return `pid ${holder.pid} on ${holder.host}, since ${holder.since}, ${holder.command}`;
}

export function targetInUse(display: string, holder: ClaimHolder | string | undefined, howToClear: string): PcmError {
  return new PcmError(
    `The database ${display} is in use by another import (${describeHolder(holder)}). Wait for that run to finish, ` +
      `then run this one again. ${howToClear}`,
    { errorId: 'TargetInUse', category: 'ResourceBusy', target: display },
  );
}

