/**
 * Principals keep their AD identity. Persistent Chat does not federate, so a federated principal arrives disabled,
 * as Microsoft's migration does (domain.md §1.3): Group Chat 2010's FederatedUser (7) and FederatedGroup (11), and a
 * user with a sip: URI and no AD object behind it. Persistent Chat's tblPrincipalType has no row for the 2010-only
 * types 6, 7 and 11, so they take the nearest Persistent Chat type: User (5) for the user kinds, Group (9) for the
 * federated group (docs/decisions.md, issue 12).
 */
import { isFederatedType, isUserType, PrincipalState, PrincipalType, PRINCIPAL_TYPE_NAMES, type Principal, type PrincipalTypeId } from '../model.js';
import type { NoticeSink } from './notices.js';

const KIND: Partial<Record<PrincipalTypeId, string>> = {
  [PrincipalType.FederatedGroup]: 'A federated group',
  [PrincipalType.ExternalUser]: 'An external user (no AD object behind it)',
};

export function isFederatedUser(p: Principal): boolean {
  return isFederatedType(p.type) || (isUserType(p.type) && p.adPath === null && /^sip:/i.test(p.uri));
}

/** The Persistent Chat type a principal of this type becomes. */
export function targetPrincipalType(type: PrincipalTypeId): PrincipalTypeId {
  if (type === PrincipalType.ExternalUser || type === PrincipalType.FederatedUser) return PrincipalType.User;
  if (type === PrincipalType.FederatedGroup) return PrincipalType.Group;
  return type;
}

export function convertPrincipal(p: Principal, notices: NoticeSink): Principal {
  const type = targetPrincipalType(p.type);
  const retyped = type === p.type ? '' : ` Persistent Chat has no principal type ${PRINCIPAL_TYPE_NAMES[p.type]}, so it becomes a ${PRINCIPAL_TYPE_NAMES[type]}.`;
  if (isFederatedUser(p) && p.disabled === PrincipalState.Active) {
    notices.add({
      rule: 'FederatedUser',
      severity: 'Warning',
      objectKind: 'Principal',
      objectName: p.uri,
      message: `${KIND[p.type] ?? 'A federated user'}: Persistent Chat does not support federation, so it is added as a disabled principal. Its messages are kept.${retyped}`,
    });
    return { ...p, type, disabled: PrincipalState.Disabled };
  }
  if (retyped) {
    notices.add({ rule: 'PrincipalTypeChanged', severity: 'Info', objectKind: 'Principal', objectName: p.uri, message: retyped.trim() });
    return { ...p, type };
  }
  return p;
}
