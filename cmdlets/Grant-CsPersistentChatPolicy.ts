/** Grant-CsPersistentChatPolicy: assigns a per-user Persistent Chat policy to users, or removes it with $null. Microsoft's syntax (domain.md §3.7.5). */
import { grantablePolicy, grantPolicy } from '../admin/policy-grants.js';
import { principalsFor } from '../admin/principals.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { AD_PRINCIPAL_TYPE_NAME, principalObject, AD_PRINCIPAL_OUTPUT } from './output/principal-output.js';
import { USER_ID_IDENTITY } from './params/user-identity.js';

export const declaration = {
  name: 'Grant-CsPersistentChatPolicy',
  synopsis: 'Assigns a per-user Persistent Chat policy to users, or removes their assignment.',
  description:
    'Grant-CsPersistentChatPolicy assigns a per-user Persistent Chat policy (created with New-CsPersistentChatPolicy ' +
    '-Identity <name>) to one or more users; -PolicyName $null removes the assignment, so that the site or global ' +
    'policy applies again. Users are found in the principal cache of the registered pools (see Get-CsAdPrincipal) by ' +
    'SIP address, user principal name, distinguished name, DOMAIN\\name or display name, where * is a wildcard; each ' +
    'user a wildcard matches gets the policy. Only users can be granted a policy. Assignments are kept in the ' +
    'configuration store, and Export-PcmConfigurationScript writes them for the real deployment.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: [
    { ...USER_ID_IDENTITY, mandatory: true, description: 'The user: SIP address, user principal name, distinguished name, DOMAIN\\name, or display name (* is a wildcard, as in "* Smith").' },
    { name: 'PolicyName', type: 'String', position: 1, description: 'The per-user policy, without the tag: prefix. $null removes the user\'s assignment.' },
    { name: 'DomainController', type: 'String', helpTypeName: 'Microsoft.Rtc.Management.Deploy.Fqdn', description: 'Accepted for compatibility; there is no domain controller to contact: the pools\' principal cache is used.' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes each user, with the policy it now has, to the pipeline.' },
  ],
  outputTypes: [AD_PRINCIPAL_OUTPUT],
  examples: [
    {
      title: 'Give one user a per-user policy',
      code: 'Grant-CsPersistentChatPolicy -Identity "sip:kenmyer@litwareinc.com" -PolicyName "RedmondPersistentChatPolicy"',
      remarks: 'Ken Myer gets the per-user policy RedmondPersistentChatPolicy.',
    },
    {
      title: 'Remove an assignment',
      code: 'Grant-CsPersistentChatPolicy -Identity "sip:kenmyer@litwareinc.com" -PolicyName $null',
      remarks: 'Ken Myer has no per-user policy any more: the site or global policy applies.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const policy = grantablePolicy(params.PolicyName);
  const users = await principalsFor(params.Identity!, (m) => context.warning(m));
  grantPolicy(users, policy, context.whatIf);
  for (const user of users) {
    const who = user.principal.uri;
    context.verbose(`${context.whatIf ? 'What if: would ' : ''}${policy === null ? `remove the per-user policy of ${who}` : `grant ${policy} to ${who}`}.`);
    if (params.PassThru && !context.whatIf) yield principalObject({ ...user, policy });
  }
}

export const cmdlet = defineCmdlet(declaration, run);
