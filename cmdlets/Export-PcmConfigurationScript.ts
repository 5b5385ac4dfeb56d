/**
 * Export-PcmConfigurationScript: writes the configuration store's settings as a script of Microsoft's cmdlets, the
 * bridge from a rehearsal here to the real deployment.
 */
import { configurationScript } from '../admin/configuration-script.js';
import { writeScriptFile } from '../admin/script-file.js';
import { defineCmdlet, outputObject, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';

export const declaration = {
  name: 'Export-PcmConfigurationScript',
  synopsis: 'Writes the Persistent Chat settings of the configuration store as a script of Microsoft\'s cmdlets.',
  description:
    'Export-PcmConfigurationScript writes a PowerShell script that reproduces, with Microsoft\'s own cmdlets, the ' +
    'settings kept in the configuration store: Persistent Chat configuration, compliance configuration and policies ' +
    '(global with Set-, the others with New-), pool state, and endpoints. Run it in the Lync Server Management Shell ' +
    'of the real deployment, or with this module loaded. Every value is written as a literal, so text from the store ' +
    'is never run. The file is written in UTF-8 with a byte-order mark (Windows PowerShell 5.1 reads it as UTF-8) ' +
    'under a temporary name and renamed when complete; an existing file is replaced only with -Force.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: [
    { name: 'FileName', type: 'String', kind: 'path', mandatory: true, position: 0, description: 'The script to write, for example C:\\Logs\\PersistentChatSettings.ps1.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Replaces the file if it exists.' },
    { name: 'PassThru', type: 'SwitchParameter', description: 'Writes an object naming the file and its size to the pipeline.' },
  ],
  outputTypes: [{ typeName: 'PersistentChatMigration.ConfigurationScript', view: { list: ['FileName', 'Bytes'] } }],
  examples: [
    {
      title: 'Take the settings to the real deployment',
      code: 'Export-PcmConfigurationScript -FileName C:\\Logs\\PersistentChatSettings.ps1',
      remarks: 'Writes the script; run it in the Lync Server Management Shell of the deployment.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const script = configurationScript(new Date());
  const written = await writeScriptFile(params.FileName!, script, { force: Boolean(params.Force), whatIf: context.whatIf });
  context.verbose(`${context.whatIf ? 'What if: would write' : 'Wrote'} the configuration script ${written.path} (${written.bytes} bytes).`);
  if (params.PassThru && !context.whatIf) yield outputObject('PersistentChatMigration.ConfigurationScript', { FileName: written.path, Bytes: written.bytes });
}

export const cmdlet = defineCmdlet(declaration, run);
