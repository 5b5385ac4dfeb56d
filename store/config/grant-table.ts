/**
 * Per-user policy grants (Grant-CsPersistentChatPolicy): which per-user Persistent Chat policy a principal has,
 * keyed by the principal's GUID (prinGuid, the same in every pool's database), with its SIP address for display.
 */
export interface GrantRecord {
  readonly principalGuid: string;
  readonly sipAddress: string;
  readonly policyName: string;
  readonly granted: Date;
}

export interface GrantTable {
  grants(): GrantRecord[];
  /** `null` removes the principal's grant. */
  setGrant(principalGuid: string, sipAddress: string, policyName: string | null): void;
  /** Removes every grant of a policy; returns how many. */
  removeGrantsOf(policyName: string): number;
  atomically<T>(work: () => T): T;
}
