/** Get-CsPersistentChatEligiblePrincipal: the users who may be members, managers or presenters of a category's rooms. Microsoft's syntax (domain.md §3.10.1). */
import { eligiblePrincipals } from '../admin/eligible-principals.js';
import { defineCmdlet, outputObject, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';

const TYPE_NAME = 'Microsoft.Rtc.Management.GroupChat.Cmdlets.ADPersistentChatPrincipal';

export const declaration = {
  name: 'Get-CsPersistentChatEligiblePrincipal',
  synopsis: 'Returns the users eligible to be members, managers or presenters of a category\'s or a room\'s chat rooms.',
  description:
    'Get-CsPersistentChatEligiblePrincipal expands the allowed members of a category (users, groups, OUs, containers ' +
    'and domains) into the individual users who may be members or managers of its rooms, leaving out everyone its ' +
    'denied members exclude (deny wins over allow). With -Room it uses the room\'s category; -Presenters lists the ' +
    'users who may be presenters, which only auditorium rooms have. Memberships come from the pool\'s principal ' +
    'cache; disabled and deleted users are not eligible. -Filter is a wildcard matched against SIP addresses.',
  parameterSets: ['Category', 'Room'],
  defaultParameterSet: 'Category',
  parameters: [
    { name: 'Category', type: 'String', sets: ['Category'], mandatory: true, description: 'The category, as <PoolFqdn>\\<Name> or, with one pool, its name.' },
    { name: 'Room', type: 'String', sets: ['Room'], mandatory: true, description: 'The chat room, as <PoolFqdn>\\<Name> or, with one pool, its name.' },
    { name: 'Presenters', type: 'SwitchParameter', sets: ['Room'], description: 'Lists the users who may be presenters of the room (auditorium rooms only).' },
    { name: 'Filter', type: 'String', description: 'A wildcard matched against SIP addresses only, for example *smith*.' },
    { name: 'PersistentChatPoolFqdn', type: 'String', description: 'The pool, when the name is not pool-qualified and more than one pool is registered.' },
    { name: 'ResultSize', type: 'Int32', validateRange: [0, 2147483647], description: 'The largest number of users to return.' },
  ],
  outputTypes: [{ typeName: TYPE_NAME, view: { list: ['Identity', 'SipAddress', 'DisplayName', 'PersistentChatPrincipalType', 'DistinguishedName', 'PersistentChatPoolFqdn'], table: ['SipAddress', 'DisplayName', 'PersistentChatPrincipalType'] } }],
  examples: [
    { title: 'Who may join the rooms of a category', code: 'Get-CsPersistentChatEligiblePrincipal -Category "atl-pc-001.litwareinc.com\\Sales"', remarks: 'Returns every user who may be a member or manager of the rooms of Sales.' },
    { title: 'Eligible users by SIP address', code: 'Get-CsPersistentChatEligiblePrincipal -Category "atl-pc-001.litwareinc.com\\Sales" -Filter "*a*" -ResultSize 5', remarks: 'Returns up to five eligible users whose SIP address contains an a.' },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, _context: CmdletContext): AsyncGenerator<OutputItem> {
  const query = { category: params.Category, room: params.Room, poolFqdn: params.PersistentChatPoolFqdn, presenters: Boolean(params.Presenters), filter: params.Filter, resultSize: params.ResultSize };
  for await (const { principal, poolFqdn } of eligiblePrincipals(query)) {
    yield outputObject(TYPE_NAME, {
      Identity: principal.adPath ?? principal.uri,
      SipAddress: principal.uri,
      DisplayName: principal.displayName,
      PersistentChatPrincipalType: 'user',
      DistinguishedName: principal.adPath,
      PersistentChatPoolFqdn: poolFqdn,
    });
  }
}

export const cmdlet = defineCmdlet(declaration, run);
