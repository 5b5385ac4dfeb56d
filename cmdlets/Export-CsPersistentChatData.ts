/**
 * Export-CsPersistentChatData: reads a Lync 2010 Group Chat or Lync 2013 Persistent Chat database as it is and writes
 * the export package (a ZIP of XML parts), or returns it as one byte array with -AsBytes. Microsoft's syntax
 * (domain.md §3.1.1), plus -PassThru.
 */
import { EXPORT_LEVELS } from '../core/model.js';
import { SQL_LOGIN_PARAMETERS } from './params/sql-parameters.js';
import { defineCmdlet, type CmdletContext, type ParamsOf } from './framework/cmdlet.js';
import { runExport } from '../migration/export-run.js';

export const declaration = {
  name: 'Export-CsPersistentChatData',
  synopsis: 'Exports Persistent Chat or legacy Group Chat data to a .zip package or a byte array.',
  description:
    'Export-CsPersistentChatData reads a Lync Server 2010 Group Chat database or a Lync Server 2013 / Skype for Business ' +
    'Persistent Chat database as it is and writes its principals, categories, chat rooms, add-ins and messages to a ' +
    'package that Import-CsPersistentChatData reads. Use it to migrate Group Chat to Persistent Chat, or to back up and ' +
    'move Persistent Chat data. The package is written beside the destination and renamed into place only when it is ' +
    'complete, so an interrupted export never leaves a package that looks finished. -Level, -Scope and -StartDate ' +
    'choose what is exported; -DisableExportedNodes disables the exported rooms in the source afterwards, freezing the ' +
    'legacy system; -Report writes an HTML report and a JSON twin.',
  parameterSets: ['FileName', 'AsBytes'],
  defaultParameterSet: 'FileName',
  parameters: [
    {
      name: 'DBInstance',
      type: 'String',
      kind: 'dbInstance',
      mandatory: true,
      description:
        'The database server holding the Persistent Chat or Group Chat database, as FQDN\\instance (for example ' +
        'atl-sql-001.litwareinc.com\\rtc), server,port or tcp:server,port; or an embedded database such as sqlite:C:\\pc\\legacy.db.',
    },
    {
      name: 'DBName',
      type: 'String',
      defaultValue: 'mgc',
      description: 'The name of the database on the server. The default is mgc. Ignored for an embedded (sqlite:) database.',
    },
    ...SQL_LOGIN_PARAMETERS,
    {
      name: 'FileName',
      type: 'String',
      kind: 'path',
      sets: ['FileName'],
      mandatory: true,
      description: 'The full path of the .zip package to create, for example C:\\Logs\\PersistentChatData.zip. An existing file is replaced only when the new package is complete.',
    },
    {
      name: 'AsBytes',
      type: 'SwitchParameter',
      sets: ['AsBytes'],
      mandatory: true,
      description: 'Returns the package as one byte array instead of writing a file, for Import-CsPersistentChatData -ByteInput. The whole package is then held in memory; prefer -FileName for large databases.',
    },
    {
      name: 'Level',
      type: 'String',
      validateSet: EXPORT_LEVELS,
      defaultValue: 'All',
      helpTypeName: 'Microsoft.Rtc.Management.Chat.Cmdlets.ExportLevel',
      description:
        'What to export. All: every principal, category, room, add-in and message. User: principals and their group ' +
        'memberships. Category: categories with their members and creators. RoomDirectory: categories, rooms with their ' +
        'roles, and add-ins, without messages. Content: the room directory and its messages. Each level carries the ' +
        'principals it refers to, so every package imports on its own.',
    },
    {
      name: 'Scope',
      type: 'List[String]',
      description: 'The categories to export, by name; their subcategories and rooms come with them. The default is every category.',
    },
    {
      name: 'StartDate',
      type: 'DateTime',
      description:
        'Exports only messages posted on or after this date (a date without a time zone is local time). It applies to ' +
        'every level that carries messages; with other levels it has no effect and a warning says so.',
    },
    {
      name: 'DisableExportedNodes',
      type: 'SwitchParameter',
      description: 'After the package is complete, disables every exported chat room in the source database, so that the legacy system is frozen.',
    },
    {
      name: 'Report',
      type: 'String',
      kind: 'path',
      description: 'Path of an HTML report of the export, for example C:\\Logs\\ExportPersistentChat.html. A JSON twin is written beside it (.json). A previous report is kept as <name>.previous.',
    },
    {
      name: 'PassThru',
      type: 'SwitchParameter',
      sets: ['FileName'],
      description: 'Writes an object describing the export (counts, package path, report path) to the pipeline.',
    },
  ],
  outputTypes: [{ typeName: 'System.Byte[]', sets: ['AsBytes'] }, { typeName: 'PersistentChatMigration.ExportResult', sets: ['FileName'], view: { list: ['FileName', 'Level', 'SourceSchema', 'Principals', 'Categories', 'ChatRooms', 'Addins', 'Messages', 'Bytes', 'Report', 'DurationSeconds'], table: ['FileName', 'Level', 'ChatRooms', 'Messages', 'Bytes'] } }],
  examples: [
    {
      title: 'Export everything',
      code: 'Export-CsPersistentChatData -DBInstance "atl-sql-001.litwareinc.com\\rtc" -FileName "C:\\Logs\\PersistentChatData.zip"',
      remarks: 'Exports all Persistent Chat data from the mgc database on atl-sql-001.litwareinc.com\\rtc to C:\\Logs\\PersistentChatData.zip.',
    },
    {
      title: 'Export rooms without their content',
      code: 'Export-CsPersistentChatData -DBInstance "atl-sql-001.litwareinc.com\\rtc" -FileName "C:\\Logs\\PersistentChatData.zip" -Level RoomDirectory',
      remarks: 'Exports the categories and chat rooms with their roles and add-ins, but no messages.',
    },
    {
      title: 'Export recent content of two categories and freeze them',
      code: 'Export-CsPersistentChatData -DBInstance sqlite:C:\\pc\\legacy.db -FileName C:\\pc\\export.zip -Scope "Engineering","Sales" -StartDate 2010-01-01 -DisableExportedNodes -Report C:\\pc\\export.html',
      remarks: 'Exports the Engineering and Sales categories with messages posted since 1 January 2010, disables the exported rooms in the source, and writes a report.',
    },
    {
      title: 'Export into a variable',
      code: '$data = Export-CsPersistentChatData -DBInstance "atl-sql-001.litwareinc.com\\rtc" -AsBytes',
      remarks: 'Keeps the package in memory as a byte array, for Import-CsPersistentChatData -ByteInput $data.',
    },
  ],
  links: ['https://learn.microsoft.com/powershell/module/skype/export-cspersistentchatdata'],
} as const;

export type ExportParams = ParamsOf<typeof declaration>;

export const cmdlet = defineCmdlet(declaration, (params: ExportParams, context: CmdletContext) => runExport(params, context));
