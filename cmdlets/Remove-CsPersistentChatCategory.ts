/** Remove-CsPersistentChatCategory: deletes a category that holds no rooms. Microsoft's syntax (domain.md §3.2.4). */
import { removeCategory } from '../admin/category-changes.js';
import { defineCmdlet, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { CATEGORY_IDENTITY_DESCRIPTION, CATEGORY_TYPE_NAME } from './output/category-output.js';
import { identityOf } from './params/identity-instance.js';

export const declaration = {
  name: 'Remove-CsPersistentChatCategory',
  synopsis: 'Deletes a Persistent Chat category that holds no rooms.',
  description:
    'Remove-CsPersistentChatCategory deletes a category with its AllowedMembers, DeniedMembers and Creators. A category ' +
    'is removed only when it is empty: while it holds rooms the call is refused, naming them; move them with ' +
    'Set-CsPersistentChatRoom -Category or delete them with Remove-CsPersistentChatRoom first. Categories that ' +
    'Get-CsPersistentChatCategory writes can be piped in.',
  parameterSets: ['Identity', 'Instance'],
  defaultParameterSet: 'Identity',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  refusalsPerObject: true,
  parameters: [
    { name: 'Identity', type: 'String', sets: ['Identity'], mandatory: true, position: 0, pipelineByPropertyName: true, description: CATEGORY_IDENTITY_DESCRIPTION },
    { name: 'Instance', type: 'PSObject', sets: ['Instance'], mandatory: true, position: 0, pipeline: true, helpTypeName: CATEGORY_TYPE_NAME, description: 'A category written by Get-CsPersistentChatCategory (also from the pipeline); its Identity names the category to delete.' },
  ],
  outputTypes: [],
  examples: [
    { title: 'Delete a category', code: 'Remove-CsPersistentChatCategory -Identity "atl-pc-001.litwareinc.com\\helpdesk"', remarks: 'Deletes the category HelpDesk of the pool atl-pc-001, which holds no rooms.' },
    {
      title: 'Delete every empty category',
      code: 'Get-CsPersistentChatCategory | Where-Object { @(Get-CsPersistentChatRoom -Category $_.Identity).Count -eq 0 } | Remove-CsPersistentChatCategory',
      remarks: 'Deletes the categories that hold no rooms. Piping every category (Get-CsPersistentChatCategory | Remove-CsPersistentChatCategory) also deletes the empty ones, and writes a non-terminating error naming the rooms of each other one.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const removed = await removeCategory(identityOf(params.Identity, params.Instance, 'Get-CsPersistentChatCategory'), context.whatIf);
  context.verbose(`${context.whatIf ? 'What if: would delete' : 'Deleted'} the category ${removed.pool}\\${removed.category}.`);
}

export const cmdlet = defineCmdlet(declaration, run);
