/**
 * Test-PcmPersistentChatMigration: the runbook's "verify the migrated data" step (domain.md §4.5 step 10), in the
 * manner of the Resource Kit's ChatUpgradeVerifier (§4.8), extended to principals and messages. The engine is
 * migration/verify/.
 */
import { SQL_LOGIN_PARAMETERS } from './params/sql-parameters.js';
import { defineCmdlet, type CmdletContext, type ParamsOf } from './framework/cmdlet.js';
import { runVerification } from '../migration/verify/verify-run.js';

export const declaration = {
  name: 'Test-PcmPersistentChatMigration',
  synopsis: 'Compares a migrated Persistent Chat database with its legacy Group Chat source, object by object and message by message.',
  description:
    'Test-PcmPersistentChatMigration checks a migration the way the Resource Kit\'s ChatUpgradeVerifier does, and ' +
    'further: it works out what the target should hold from the legacy source and the documented conversion rules ' +
    '(flattened category names, root and category managers made managers of the rooms, inherited settings, scopes ' +
    'and members, invitation conflicts, room-level chat history and file upload moved to the category, topics ' +
    'dropped, federated users disabled), and compares every category (name, description, settings, allowed and ' +
    'denied members, creators), every chat room (name, category, description, privacy, type, disabled, invitations, ' +
    'add-in, members, managers, presenters, creators), every add-in (URL) and every principal (present, type, ' +
    'disabled) with the target. A value a rule changed on purpose is listed as converted, not as a difference; a ' +
    'value no rule explains is a difference, even on an object a rule also changed. The messages of every room are ' +
    'compared by count, first and last date, and a SHA-256 over every message computed the same way on both sides, ' +
    'so one changed byte is found; for a room that differs, the first message that differs is named. Messages are ' +
    'streamed: memory does not grow with them. Given the package with -FileName, the package\'s -Level, -Scope and ' +
    '-StartDate are honoured, so a partial or date-cut migration shows no false difference. Objects the target has ' +
    'and the source does not (created in Persistent Chat before the migration) are counted, not reported as ' +
    'differences. Writes one object per difference, then a summary; with -Quiet, only $true or $false. A migration ' +
    'with differences is also reported as a non-terminating error, so that $? is false and pcm exits with 1.',
  parameters: [
    {
      name: 'SourceDBInstance',
      type: 'String',
      kind: 'dbInstance',
      mandatory: true,
      position: 0,
      description: 'The database server holding the legacy Lync Server 2010 Group Chat (or Persistent Chat) database that was exported, in the forms -DBInstance takes, for example sqlite:C:\\pc\\legacy.db.',
    },
    {
      name: 'SourceDBName',
      type: 'String',
      defaultValue: 'mgc',
      description: 'The name of the source database on its server. The default is mgc. Ignored for an embedded (sqlite:) database.',
    },
    {
      name: 'DBInstance',
      type: 'String',
      kind: 'dbInstance',
      mandatory: true,
      position: 1,
      description: 'The database server holding the migrated Persistent Chat database, as FQDN\\instance, server,port or tcp:server,port, or an embedded database such as sqlite:C:\\pc\\mgc.db.',
    },
    {
      name: 'DBName',
      type: 'String',
      defaultValue: 'mgc',
      description: 'The name of the migrated database on its server. The default is mgc. Ignored for an embedded (sqlite:) database.',
    },
    ...SQL_LOGIN_PARAMETERS,
    {
      name: 'FileName',
      type: 'String',
      kind: 'path',
      description: 'The package the migration imported. Its -Level, -Scope and -StartDate decide what the target is expected to hold; without it, everything (Level All, no scope, no start date).',
    },
    {
      name: 'Report',
      type: 'String',
      kind: 'path',
      description: 'Path of an HTML report, for example C:\\Logs\\Verification.html. A JSON twin (.json) and a CSV of the differences (.csv) are written beside it.',
    },
    {
      name: 'Quiet',
      type: 'SwitchParameter',
      description: 'Returns only $true (no difference) or $false, and writes no error for differences.',
    },
    {
      name: 'IncludeConverted',
      type: 'SwitchParameter',
      description: 'Also writes an object for each value a conversion rule changed on purpose (Status Converted), after the differences.',
    },
  ],
  outputTypes: [{ typeName: 'PersistentChatMigration.MigrationDifference', view: { table: ['Status', 'Kind', 'Object', 'Property', 'SourceValue', 'TargetValue'] } }, { typeName: 'PersistentChatMigration.MigrationVerification', view: { list: ['Verified', 'Differences', 'Converted', 'Source', 'Target', 'SourceSchema', 'Package', 'Level', 'Scope', 'StartDate', 'Categories', 'ChatRooms', 'Addins', 'Principals', 'Messages', 'TargetOnlyCategories', 'TargetOnlyChatRooms', 'Report', 'DurationSeconds'], table: ['Verified', 'Differences', 'Converted', 'Messages'] } }, { typeName: 'System.Boolean' }],
  examples: [
    {
      title: 'Verify a migration',
      code: 'Test-PcmPersistentChatMigration -SourceDBInstance sqlite:C:\\pc\\legacy.db -DBInstance sqlite:C:\\pc\\mgc.db -Report C:\\Logs\\Verification.html',
      remarks: 'Lists every difference between the legacy database and the migrated one, then a summary; writes Verification.html, Verification.json and Verification.csv.',
    },
    {
      title: 'Verify a scoped migration against its package',
      code: 'Import-CsPersistentChatData -DBInstance sqlite:C:\\pc\\sales.db -FileName C:\\pc\\export.zip -Confirm:$false; Test-PcmPersistentChatMigration -SourceDBInstance sqlite:C:\\pc\\legacy.db -DBInstance sqlite:C:\\pc\\sales.db -FileName C:\\pc\\export.zip -IncludeConverted | Format-Table Status, Kind, Object, Property',
      remarks:
        'Imports a package made with -Scope, -StartDate and -DisableExportedNodes, then verifies the target against it: only the categories, rooms, principals and messages the package holds are expected, the rooms as they were before the export disabled them in the source; what each conversion rule changed is listed too.',
    },
    {
      title: 'Use the result in a script',
      code: 'if (-not (Test-PcmPersistentChatMigration -SourceDBInstance sqlite:C:\\pc\\legacy.db -DBInstance sqlite:C:\\pc\\mgc.db -Quiet)) { throw "The migration is not verified" }',
      remarks: 'Returns $true when the target holds what the source and the rules say it should.',
    },
  ],
} as const;

export type VerifyParams = ParamsOf<typeof declaration>;

export const cmdlet = defineCmdlet(declaration, (params: VerifyParams, context: CmdletContext) =>
  runVerification(
    {
      sourceDBInstance: params.SourceDBInstance!,
      sourceDBName: params.SourceDBName,
      dbInstance: params.DBInstance!,
      dbName: params.DBName,
      fileName: params.FileName,
      report: params.Report,
      quiet: Boolean(params.Quiet),
      includeConverted: Boolean(params.IncludeConverted),
      credential: params.Credential,
      trustServerCertificate: params.TrustServerCertificate,
    },
    context,
  ),
);
