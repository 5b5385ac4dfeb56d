/** The object the endpoint cmdlets write: Microsoft's OCSPersistentChatContact, with the properties its docs use. */
import { endpointDn } from '../../admin/endpoints.js';
import type { EndpointRecord } from '../../store/config/endpoint-table.js';
import { outputObject, type OutputObject, type OutputTypeDecl } from '../framework/cmdlet.js';

export const ENDPOINT_TYPE_NAME = 'Microsoft.Rtc.Management.ADConnect.Schema.OCSPersistentChatContact';

/** The output type the cmdlets declare, with its default views (the module's format file is generated from it). */
export const ENDPOINT_OUTPUT = { typeName: ENDPOINT_TYPE_NAME, view: { list: ['Identity', 'SipAddress', 'DisplayName', 'PersistentChatPoolFqdn', 'DistinguishedName', 'Enabled', 'WhenCreated'], table: ['SipAddress', 'DisplayName', 'PersistentChatPoolFqdn'] } } as const satisfies OutputTypeDecl;

export function endpointObject(endpoint: EndpointRecord): OutputObject {
  const dn = endpointDn(endpoint);
  return outputObject(ENDPOINT_TYPE_NAME, {
    Identity: dn,
    SipAddress: endpoint.sipAddress,
    DisplayName: endpoint.displayName,
    PersistentChatPoolFqdn: endpoint.poolFqdn,
    DistinguishedName: dn,
    Enabled: true,
    WhenCreated: endpoint.created,
  });
}
