/**
 * Principals keep their AD identity; Persistent Chat does not federate, so a federated user (a user with no AD
 * object behind it) arrives as a disabled principal, as Microsoft's migration does (domain.md §1.3).
 */
import { isUserType, PrincipalState, type Principal } from '../model.js';
import type { NoticeSink } from './notices.js';

export function isFederatedUser(p: Principal): boolean {
  return isUserType(p.type) && p.adPath === null && /^sip:/i.test(p.uri);
}

export function convertPrincipal(p: Principal, notices: NoticeSink): Principal {
  if (isFederatedUser(p) && p.disabled === PrincipalState.Active) {
    notices.add({
      rule: 'FederatedUser',
      severity: 'Warning',
      objectKind: 'Principal',
      objectName: p.uri,
      message: 'A federated user: Persistent Chat does not support federation, so the user is added as a disabled principal. Their messages are kept.',
    });
    return { ...p, disabled: PrincipalState.Disabled };
  }
  return p;
}
