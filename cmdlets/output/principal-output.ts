/** The object Get-CsAdPrincipal writes: Microsoft's OCSADPrincipal, from a principal of a pool's database. */
import { objectClassOf, type CachedPrincipal } from '../../admin/principals.js';
import { PRINCIPAL_TYPE_NAMES } from '../../core/model.js';
import { outputObject, type OutputObject, type OutputTypeDecl } from '../framework/cmdlet.js';

export const AD_PRINCIPAL_TYPE_NAME = 'Microsoft.Rtc.Management.ADConnect.Schema.OCSADPrincipal';

/** The output type the cmdlets declare, with its default views (the module's format file is generated from it). */
export const AD_PRINCIPAL_OUTPUT = { typeName: AD_PRINCIPAL_TYPE_NAME, view: { list: ['Identity', 'Name', 'DisplayName', 'SipAddress', 'UserPrincipalName', 'ObjectClass', 'PrincipalType', 'Guid', 'DistinguishedName', 'Enabled', 'PersistentChatPolicy', 'PersistentChatPoolFqdn'], table: ['DisplayName', 'SipAddress', 'PrincipalType', 'PersistentChatPolicy'] } } as const satisfies OutputTypeDecl;

export function principalObject(entry: CachedPrincipal): OutputObject {
  const p = entry.principal;
  return outputObject(AD_PRINCIPAL_TYPE_NAME, {
    Identity: p.adPath ?? p.uri,
    Name: p.name,
    DisplayName: p.displayName,
    SipAddress: /^sip:/i.test(p.uri) ? p.uri : null,
    UserPrincipalName: p.upn,
    ObjectClass: objectClassOf(p),
    PrincipalType: PRINCIPAL_TYPE_NAMES[p.type] ?? String(p.type),
    Guid: p.guid,
    DistinguishedName: p.adPath,
    Enabled: p.disabled === 0,
    PersistentChatPolicy: entry.policy,
    PersistentChatPoolFqdn: entry.poolFqdn,
  });
}
