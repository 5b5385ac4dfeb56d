/**
 * Persistent Chat endpoints: the contact objects (in Active Directory for Microsoft) that give a pool a SIP address,
 * such as the well-known address legacy Group Chat clients look up. SIP addresses compare case-insensitively.
 */
export interface EndpointRecord {
  readonly sipAddress: string;
  /** The contact object's GUID, which its distinguished name is built from. */
  readonly objectGuid: string;
  readonly displayName: string | null;
  readonly poolFqdn: string;
  readonly created: Date;
}

export interface EndpointTable {
  endpoints(): EndpointRecord[];
  /** Throws ResourceExists when the SIP address is an endpoint already. */
  addEndpoint(endpoint: Omit<EndpointRecord, 'created'>): EndpointRecord;
  removeEndpoint(sipAddress: string): boolean;
}
