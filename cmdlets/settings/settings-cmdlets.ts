/**
 * The Get-, New-, Set- and Remove- cmdlets of an XDS settings kind, built from its declaration (core/settings):
 * Microsoft's parameter sets (Identity / Filter for Get-, Identity / Instance for Set-), Identity as the first
 * positional parameter (docs/decisions.md: the docs' "position 2"), one parameter per setting with its documented
 * type and range, -InMemory, -LocalStore and -Force. Each cmdlet file in cmdlets/ is one line over this.
 */
import { grantsOf, removeGrantsOf } from '../../admin/policy-grants.js';
import { listSettings, newSettings, removeSettings, setSettings, type SettingsInstance } from '../../admin/settings.js';
import { PcmError } from '../../core/errors.js';
import { parseXdsIdentity } from '../../core/settings/xds-identity.js';
import type { SettingProperty, SettingsKind } from '../../core/settings/settings-kinds.js';
import { defineCmdlet, outputObject, type Cmdlet, type CmdletContext, type CmdletDeclaration, type OutputItem, type OutputObject, type ParameterDecl } from '../framework/cmdlet.js';

export type SettingsVerb = 'Get' | 'New' | 'Set' | 'Remove';

const XDS_IDENTITY = 'Microsoft.Rtc.Management.Xds.XdsIdentity';

function identityForms(kind: SettingsKind, creating: boolean): string {
  const forms = kind.scopes
    .filter((s) => !(creating && s === 'global'))
    .map((s) => ({ global: 'global', site: 'site:<SiteName> (for example site:Redmond)', service: 'service:PersistentChatServer:<PoolFqdn>', tag: 'a per-user policy name' })[s]);
  return forms.join(', ');
}

function propertyParameter(property: SettingProperty): ParameterDecl {
  switch (property.type) {
    case 'Int16':
      return { name: property.name, type: 'Int32', validateRange: property.range, helpTypeName: 'System.Int16', description: property.description };
    case 'UInt32':
      return { name: property.name, type: 'Int64', validateRange: property.range, helpTypeName: 'System.UInt32', description: property.description };
    case 'String':
      return { name: property.name, type: 'String', description: property.description };
    case 'Boolean':
      return { name: property.name, type: 'Boolean', description: property.description };
    case 'TimeSpan':
      return { name: property.name, type: 'TimeSpan', description: property.description };
    case 'Enum':
      return { name: property.name, type: 'String', validateSet: property.values, helpTypeName: property.typeName, description: property.description };
  }
}

function examplesOf(kind: SettingsKind, verb: SettingsVerb): CmdletDeclaration['examples'] {
  return kind.examples[verb] ?? [];
}

const FORCE: ParameterDecl = { name: 'Force', type: 'SwitchParameter', description: 'Suppresses the confirmation prompt and non-fatal error messages.' };

export function settingsDeclaration(kind: SettingsKind, verb: SettingsVerb): CmdletDeclaration {
  const name = `${verb}-Cs${kind.noun}`;
  const output = [{ typeName: kind.typeName, view: { list: ['Identity', ...kind.properties.map((p) => p.name)], table: kind.tableColumns } }];
  const properties = kind.properties.map(propertyParameter);
  const global = kind.implicit === 'global';
  switch (verb) {
    case 'Get':
      return {
        name,
        synopsis: `Returns ${kind.title}.`,
        description:
          `${name} returns ${kind.title}, from the configuration store (where PersistentChatMigration keeps what Microsoft keeps in the Central Management Store). ` +
          (global ? 'The global collection always exists. ' : 'Every registered pool has one. ') +
          'With -Identity it returns one collection, with -Filter those whose identity matches a wildcard pattern, and with neither all of them.',
        parameterSets: ['Identity', 'Filter'],
        defaultParameterSet: 'Identity',
        parameters: [
          { name: 'Identity', type: 'String', sets: ['Identity'], position: 0, helpTypeName: XDS_IDENTITY, description: `The collection to return: ${identityForms(kind, false)}. Wildcards are not accepted; use -Filter.` },
          { name: 'Filter', type: 'String', sets: ['Filter'], description: 'A wildcard pattern matched against the identities, for example site:* or service:*.' },
          { name: 'LocalStore', type: 'SwitchParameter', description: 'Accepted for compatibility: Microsoft reads the local replica of the Central Management Store; here there is one configuration store, which is always read.' },
        ],
        outputTypes: output,
        examples: examplesOf(kind, verb),
      };
    case 'New':
      return {
        name,
        synopsis: `Creates ${kind.title} for a site${kind.scopes.includes('service') ? ' or a service' : ''}${kind.scopes.includes('tag') ? ' or per-user use' : ''}.`,
        description:
          `${name} creates a new collection of ${kind.title}. The global collection always exists and cannot be created; an identity that exists already is refused (change it with Set-Cs${kind.noun}). ` +
          'A site must be the site of a registered pool and a service a registered pool. Settings not given take their documented defaults. With -InMemory the object is returned without being saved; commit it later with Set-Cs' +
          `${kind.noun} -Instance.`,
        supportsShouldProcess: true,
        confirmImpact: 'Low',
        parameters: [
          { name: 'Identity', type: 'String', mandatory: true, position: 0, helpTypeName: XDS_IDENTITY, description: `The new collection: ${identityForms(kind, true)}.` },
          ...properties,
          { name: 'InMemory', type: 'SwitchParameter', description: `Returns the new object without saving it; Set-Cs${kind.noun} -Instance saves it.` },
          FORCE,
        ],
        outputTypes: output,
        examples: examplesOf(kind, verb),
      };
    case 'Set':
      return {
        name,
        synopsis: `Changes ${kind.title}.`,
        description:
          `${name} changes a collection of ${kind.title}. ` +
          (global ? 'Without -Identity it changes the global collection. ' : 'Without -Identity it changes the only registered pool. ') +
          `-Instance takes an object from Get-Cs${kind.noun}${kind.verbs.includes('New') ? ` or New-Cs${kind.noun} -InMemory` : ''} (also from the pipeline) and saves its values, with any setting given beside it applied on top. Every value is checked against its documented range.`,
        parameterSets: ['Identity', 'Instance'],
        defaultParameterSet: 'Identity',
        supportsShouldProcess: true,
        confirmImpact: 'Medium',
        parameters: [
          { name: 'Identity', type: 'String', sets: ['Identity'], position: 0, helpTypeName: XDS_IDENTITY, description: `The collection to change: ${identityForms(kind, false)}.` },
          { name: 'Instance', type: 'PSObject', sets: ['Instance'], pipeline: true, description: `An object written by Get-Cs${kind.noun}${kind.verbs.includes('New') ? ` or New-Cs${kind.noun} -InMemory` : ''}, with the values to save.` },
          ...properties,
          FORCE,
        ],
        outputTypes: [],
        examples: examplesOf(kind, verb),
      };
    case 'Remove':
      return {
        name,
        synopsis: `Removes ${kind.title}; the global collection is reset to its defaults.`,
        description: `${name} removes a collection of ${kind.title}, so that the next wider scope applies again. Run against the global collection it does not remove it but restores the documented defaults.`,
        supportsShouldProcess: true,
        confirmImpact: 'Medium',
        parameters: [
          { name: 'Identity', type: 'String', mandatory: true, position: 0, pipelineByPropertyName: true, helpTypeName: XDS_IDENTITY, description: `The collection to remove: ${identityForms(kind, false)}.` },
          FORCE,
        ],
        outputTypes: [],
        examples: examplesOf(kind, verb),
      };
  }
}

export function settingsObject(kind: SettingsKind, instance: SettingsInstance): OutputObject {
  return outputObject(kind.typeName, { Identity: instance.identity.text, ...instance.values });
}

function runner(kind: SettingsKind, verb: SettingsVerb): (params: Record<string, unknown>, context: CmdletContext) => AsyncGenerator<OutputItem> {
  const settingNames = new Set(kind.properties.map((p) => p.name));
  const given = (params: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(params).filter(([k]) => settingNames.has(k)));
  return async function* run(params, context) {
    const identity = params['Identity'] as string | undefined;
    switch (verb) {
      case 'Get':
        for (const instance of listSettings(kind, { identity, filter: params['Filter'] as string | undefined })) yield settingsObject(kind, instance);
        return;
      case 'New': {
        const created = newSettings(kind, identity!, given(params), { inMemory: Boolean(params['InMemory']), whatIf: context.whatIf });
        if (context.whatIf) context.verbose(`What if: would create the ${kind.noun} '${created.identity.text}'.`);
        else if (!params['InMemory']) context.verbose(`Created the ${kind.noun} '${created.identity.text}'.`);
        if (!context.whatIf) yield settingsObject(kind, created);
        return;
      }
      case 'Set': {
        const changed = setSettings(kind, identity, params['Instance'] as Record<string, unknown> | undefined, given(params), context.whatIf);
        context.verbose(`${context.whatIf ? 'What if: would change' : 'Changed'} the ${kind.noun} '${changed.identity.text}'.`);
        return;
      }
      case 'Remove': {
        // A per-user policy that users have goes only with -Force, and takes their assignments with it.
        const tag = kind.scopes.includes('tag') ? parseXdsIdentity(identity!, kind.scopes) : undefined;
        const users = tag?.scope === 'tag' ? grantsOf(tag.text) : 0;
        if (users > 0 && !params['Force']) {
          throw new PcmError(`The policy '${tag!.text}' is assigned to ${users} user${users === 1 ? '' : 's'}. Add -Force to remove it and their assignments, or assign them another policy first with Grant-CsPersistentChatPolicy.`, {
            errorId: 'PolicyInUse',
            category: 'InvalidOperation',
            target: tag!.text,
          });
        }
        const removed = removeSettings(kind, identity!, context.whatIf);
        if (users > 0 && !context.whatIf) context.verbose(`Removed the assignment of ${removeGrantsOf(tag!.text)} user(s) to '${tag!.text}'.`);
        const what = removed.reset ? 'reset to its defaults' : 'removed';
        context.verbose(`${context.whatIf ? 'What if: would be ' : ''}${what}: the ${kind.noun} '${removed.identity.text}'.`);
        return;
      }
    }
  };
}

export function settingsCmdlet(kind: SettingsKind, verb: SettingsVerb): Cmdlet<CmdletDeclaration> {
  return defineCmdlet(settingsDeclaration(kind, verb), runner(kind, verb) as never) as unknown as Cmdlet<CmdletDeclaration>;
}
