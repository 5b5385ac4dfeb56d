/** Get-CsAdPrincipal: the principals usable in Persistent Chat membership lists, from the pools' principal cache. */
import { cachedPrincipals, FILTER_PROPERTIES } from '../admin/principals.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { AD_PRINCIPAL_TYPE_NAME, principalObject, AD_PRINCIPAL_OUTPUT } from './output/principal-output.js';
import { USER_ID_IDENTITY } from './params/user-identity.js';

export const declaration = {
  name: 'Get-CsAdPrincipal',
  synopsis: 'Returns the directory principals (users, groups, contacts, containers, OUs, domains) that Persistent Chat can use.',
  description:
    'Get-CsAdPrincipal returns the principals that can appear in Persistent Chat membership lists. Microsoft\'s cmdlet ' +
    'reads Active Directory; this one reads the principal cache that Persistent Chat synchronises into each registered ' +
    'pool\'s database (tblPrincipal), which holds the same objects: users, groups, contacts, containers, OUs and ' +
    'domains. -Identity takes a SIP address, user principal name, distinguished name, DOMAIN\\name or display name ' +
    '(with * as a wildcard). -Filter takes Microsoft\'s filter syntax over the principal\'s properties ' +
    `(${FILTER_PROPERTIES.join(', ')}), for example {DisplayName -like "*Smith*"}, or a plain wildcard. -OU returns ` +
    'the principals in an OU or container and below it. A principal held by several pools is returned once.',
  parameters: [
    { ...USER_ID_IDENTITY, description: 'The principal: SIP address, user principal name, distinguished name, DOMAIN\\name, or display name (* is a wildcard, as in "* Smith").' },
    { name: 'Filter', type: 'String', description: 'A filter such as {DisplayName -like "*Smith*" -and ObjectClass -eq "user"}, or a wildcard matched against display names, SIP addresses, user principal names and names.' },
    { name: 'OU', type: 'String', helpTypeName: 'Microsoft.Rtc.Management.AD.OUIdParameter', description: 'The distinguished name of an OU or container: returns the principals in it and below it.' },
    { name: 'ResultSize', type: 'Int64', validateRange: [0, 2147483647], description: 'The largest number of principals to return.' },
  ],
  outputTypes: [AD_PRINCIPAL_OUTPUT],
  examples: [
    { title: 'Every principal', code: 'Get-CsAdPrincipal', remarks: 'Returns every principal of the registered pools\' databases.' },
    { title: 'Principals by display name', code: 'Get-CsAdPrincipal -Filter {DisplayName -like "*a*"}', remarks: 'Returns the principals whose display name contains an a.' },
    { title: 'The groups', code: 'Get-CsAdPrincipal -Filter {ObjectClass -eq "group"} -ResultSize 10', remarks: 'Returns up to 10 groups.' },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const query = { identity: params.Identity, filter: params.Filter, ou: params.OU, resultSize: params.ResultSize };
  for await (const entry of cachedPrincipals(query, (m) => context.warning(m))) yield principalObject(entry);
}

export const cmdlet = defineCmdlet(declaration, run);
