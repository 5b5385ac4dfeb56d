/**
 * Import-CsPersistentChatData: validates a whole package, then merges it into a Persistent Chat database, applying
 * Microsoft's Group Chat -> Persistent Chat conversions and reporting each one. Same-name items are overwritten, as
 * Microsoft's cmdlet does, and every overwrite is listed; -WhatIf writes nothing and reports everything. Microsoft's
 * syntax (domain.md §3.1.2), plus -PassThru.
 */
import { PACKAGE_LIMIT_PARAMETERS } from './params/package-limit-parameters.js';
import { SQL_LOGIN_PARAMETERS } from './params/sql-parameters.js';
import { defineCmdlet, type CmdletContext, type ParamsOf } from './framework/cmdlet.js';
import { runImport } from '../migration/import-run.js';

export const declaration = {
  name: 'Import-CsPersistentChatData',
  synopsis: 'Imports a Persistent Chat export package into a Persistent Chat database.',
  description:
    'Import-CsPersistentChatData reads a package written by Export-CsPersistentChatData (from a Lync Server 2010 Group ' +
    'Chat database or a Persistent Chat database) and merges it into a Lync Server 2013 / Skype for Business Persistent ' +
    'Chat database. The whole package is checked first (structure, checksums, references, names and limits) and ' +
    'nothing is written unless all of it is sound. Nested categories are flattened, root-category managers become ' +
    'managers of every room, invitation conflicts become False, room topics are dropped and federated users become ' +
    'disabled principals; each conversion is reported as a warning naming the object. Items with the same name are ' +
    'overwritten and listed. Running the same import again, or again after an interruption, gives the same result ' +
    'without duplicating anything. Run it with -WhatIf first and fix what it reports. An embedded target database ' +
    '(sqlite:) that does not exist yet is created.',
  parameterSets: ['FileName', 'ByteInput'],
  defaultParameterSet: 'FileName',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters: [
    {
      name: 'DBInstance',
      type: 'String',
      kind: 'dbInstance',
      mandatory: true,
      description:
        'The database server holding the target Persistent Chat database, as FQDN\\instance (for example ' +
        'atl-sql-001.litwareinc.com\\rtc), server,port or tcp:server,port; or an embedded database such as sqlite:C:\\pc\\mgc.db.',
    },
    {
      name: 'DBName',
      type: 'String',
      defaultValue: 'mgc',
      description: 'The name of the target database on the server. The default is mgc. Ignored for an embedded (sqlite:) database.',
    },
    ...SQL_LOGIN_PARAMETERS,
    {
      name: 'FileName',
      type: 'String',
      kind: 'path',
      sets: ['FileName'],
      mandatory: true,
      description: 'The path of the .zip package written by Export-CsPersistentChatData.',
    },
    {
      name: 'ByteInput',
      type: 'Byte[]',
      sets: ['ByteInput'],
      mandatory: true,
      pipeline: true,
      description: 'The package as a byte array, such as the output of Export-CsPersistentChatData -AsBytes; it can come from the pipeline.',
    },
    {
      name: 'Report',
      type: 'String',
      kind: 'path',
      description: 'Path of an HTML report of the import, for example C:\\Logs\\ImportPersistentChat.html. A JSON twin is written beside it (.json). A previous report is kept as <name>.previous.',
    },
    ...PACKAGE_LIMIT_PARAMETERS,
    {
      name: 'BatchSize',
      type: 'Int32',
      validateRange: [1, 10000000],
      description:
        'Messages committed per transaction. By default an embedded (sqlite:) target takes the whole import in one ' +
        'transaction, so that it is left exactly as it was if anything fails; SQL Server commits every 50,000 to keep ' +
        'its log small. With -BatchSize, an interrupted import keeps what it committed, and running it again ' +
        'continues from there without duplicating anything.',
    },
    {
      name: 'PassThru',
      type: 'SwitchParameter',
      description: 'Writes an object describing the import (counts, overwrites, warnings, report path) to the pipeline.',
    },
  ],
  outputTypes: [{ typeName: 'PersistentChatMigration.ImportResult', view: { list: ['DBInstance', 'WhatIf', 'SourceSchema', 'PrincipalsCreated', 'PrincipalsUpdated', 'CategoriesCreated', 'CategoriesOverwritten', 'ChatRoomsCreated', 'ChatRoomsOverwritten', 'Addins', 'MessagesImported', 'MessagesSkipped', 'Warnings', 'Report', 'DurationSeconds'], table: ['DBInstance', 'WhatIf', 'ChatRoomsCreated', 'ChatRoomsOverwritten', 'MessagesImported', 'Warnings'] } }],
  examples: [
    {
      title: 'Import a package',
      code: 'Import-CsPersistentChatData -DBInstance "atl-sql-001.litwareinc.com\\rtc" -FileName "C:\\Logs\\PersistentChatData.zip"',
      remarks: 'Imports the package C:\\Logs\\PersistentChatData.zip into the Persistent Chat database on atl-sql-001.litwareinc.com\\rtc.',
    },
    {
      title: 'See what an import would do',
      code: 'Import-CsPersistentChatData -DBInstance "atl-sql-001.litwareinc.com\\rtc" -FileName "C:\\Logs\\PersistentChatData.zip" -WhatIf -Report C:\\Logs\\WhatIf.html',
      remarks: 'Checks the package and reports every conversion, warning and overwrite the import would make, without writing anything.',
    },
    {
      title: 'Export and import through the pipeline',
      code: 'Export-CsPersistentChatData -DBInstance sqlite:C:\\pc\\legacy.db -AsBytes | Import-CsPersistentChatData -DBInstance sqlite:C:\\pc\\mgc.db -Confirm:$false',
      remarks: 'Moves the data without an intermediate file.',
    },
  ],
  links: ['https://learn.microsoft.com/powershell/module/skype/import-cspersistentchatdata'],
} as const;

export type ImportParams = ParamsOf<typeof declaration>;

export const cmdlet = defineCmdlet(declaration, (params: ImportParams, context: CmdletContext) => runImport(params, context));
