/** The object the endpoint cmdlets write: Microsoft's OCSPersistentChatContact, with the properties its docs use. */
import { endpointDn } from '../admin/endpoints.js';
import type { EndpointRecord } from '../store/config/endpoint-table.js';
import { outputObject, type OutputObject } from './cmdlet.js';

export const ENDPOINT_TYPE_NAME = 'Microsoft.Rtc.Management.ADConnect.Schema.OCSPersistentChatContact';

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
