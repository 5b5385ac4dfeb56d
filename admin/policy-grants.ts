/**
 * Grant-CsPersistentChatPolicy's rule: a per-user policy (a tag, not global or a site) is assigned to users; $null
 * removes the assignment, so the site or global policy applies again. The policy must exist when it is granted, and
 * a per-user policy that users have is removed only with -Force, which removes their grants too.
 */
import { PcmError } from '../core/errors.js';
import { PERSISTENT_CHAT_POLICY } from '../core/settings/settings-kinds.js';
import { parseXdsIdentity } from '../core/settings/xds-identity.js';
import { withConfigStore } from '../store/config/open-config-store.js';
import { isUserPrincipal, objectClassOf, type CachedPrincipal } from './principals.js';
import { listSettings } from './settings.js';

/** The per-user policy a name means (with or without tag:), checked to exist; null stays null. */
export function grantablePolicy(policyName: string | null | undefined): string | null {
  if (policyName === null || policyName === undefined || policyName.trim() === '') return null;
  const identity = parseXdsIdentity(policyName, ['global', 'site', 'tag']);
  if (identity.scope !== 'tag') {
    throw new PcmError(`'${policyName}' is a ${identity.scope} policy, which applies by itself; only a per-user policy is granted. Give the name of a per-user policy (New-CsPersistentChatPolicy -Identity <name>).`, {
      errorId: 'PolicyNotGrantable',
      category: 'InvalidArgument',
      target: policyName,
    });
  }
  const [found] = listSettings(PERSISTENT_CHAT_POLICY, { identity: identity.text });
  return found!.identity.text;
}

export function grantPolicy(entries: readonly CachedPrincipal[], policy: string | null, whatIf: boolean): void {
  for (const entry of entries) {
    if (!isUserPrincipal(entry.principal)) {
      throw new PcmError(`'${entry.principal.displayName ?? entry.principal.uri}' is a ${objectClassOf(entry.principal).at(-1)}, not a user: Persistent Chat policies are granted to users.`, {
        errorId: 'PrincipalNotUser',
        category: 'InvalidArgument',
        target: entry.principal.uri,
      });
    }
  }
  if (whatIf) return;
  withConfigStore('write', (store) =>
    store!.atomically(() => {
      // Checked again inside the transaction: the policy may have been removed since.
      if (policy !== null) grantablePolicy(policy);
      for (const entry of entries) store!.setGrant(entry.principal.guid, entry.principal.uri, policy);
    }),
  );
}

/** Before a per-user policy is removed: how many users have it. */
export function grantsOf(policyName: string): number {
  return withConfigStore('read', (store) => (store?.grants() ?? []).filter((g) => g.policyName.toLowerCase() === policyName.toLowerCase()).length);
}

export function removeGrantsOf(policyName: string): number {
  return withConfigStore('write', (store) => store!.removeGrantsOf(policyName));
}
