/**
 * Get-PcmPersistentChatPackage: what an export package holds, without importing it (the runbook's "inspect the
 * exported contents" step). Named after what it reads, as Get-Item names a file; Import's checks do the work.
 */
import { PcmError } from '../core/errors.js';
import { dateFromTicks } from '../core/ticks.js';
import { defineCmdlet, outputObject, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';
import { countByRule, inspectPackage } from '../migration/inspect/inspect-package.js';
import { limitsFrom } from '../migration/import-run.js';
import { PACKAGE_LIMIT_PARAMETERS } from './params/package-limit-parameters.js';

export const declaration = {
  name: 'Get-PcmPersistentChatPackage',
  synopsis: 'Shows what an export package holds, and whether Import-CsPersistentChatData would accept it, without importing it.',
  description:
    'Get-PcmPersistentChatPackage reads a package written by Export-CsPersistentChatData and describes it: its ' +
    'manifest (source schema, source, -Level, -Scope, -StartDate, when it was made), every part with its size, record ' +
    'count and SHA-256 checksum (each verified), the categories and chat rooms as they would be imported (flattened ' +
    'names) with their message counts, the conversions the import would make, counted by rule, and every problem ' +
    'for which Import-CsPersistentChatData would refuse the package. It runs exactly the checks the import runs ' +
    'before it writes anything, and writes nothing. Name conflicts with a target database depend on that target: ' +
    'Import-CsPersistentChatData -WhatIf reports those. A package that cannot be imported is also reported as a ' +
    'non-terminating error, so that $? is false and pcm exits with 1.',
  parameters: [
    {
      name: 'FileName',
      type: 'String',
      kind: 'path',
      mandatory: true,
      position: 0,
      pipelineByPropertyName: true,
      aliases: ['FullName', 'Path'],
      description: 'The path of the .zip package written by Export-CsPersistentChatData. It can come from the pipeline, for example from Get-ChildItem or Export-CsPersistentChatData -PassThru.',
    },
    ...PACKAGE_LIMIT_PARAMETERS,
  ],
  outputTypes: [{ typeName: 'PersistentChatMigration.PackageInfo', view: { list: ['FileName', 'CanImport', 'FormatVersion', 'Producer', 'SourceSchema', 'Source', 'Level', 'Scope', 'StartDate', 'CreatedOn', 'Principals', 'Affiliations', 'Categories', 'ChatRooms', 'Addins', 'Roles', 'Scopes', 'Messages', 'ChecksumsValid', 'MessagesChecked', 'Problems', 'Conversions', 'Parts', 'CategoryDetails', 'ChatRoomDetails'], table: ['FileName', 'CanImport', 'Level', 'ChatRooms', 'Messages'] },
      nested: [
        { typeName: 'PersistentChatMigration.PackagePart', view: { table: ['Name', 'Bytes', 'Records', 'ChecksumValid'] } },
        { typeName: 'PersistentChatMigration.PackageCategory', view: { table: ['Name', 'ChatRooms', 'Messages'] } },
        { typeName: 'PersistentChatMigration.PackageChatRoom', view: { table: ['Name', 'Category', 'Disabled', 'Messages'] } },
        { typeName: 'PersistentChatMigration.PackageConversion', view: { table: ['Rule', 'Severity', 'Count'] } },
      ],
    }],
  examples: [
    {
      title: 'Inspect a package before importing it',
      code: 'Get-PcmPersistentChatPackage -FileName "C:\\Logs\\PersistentChatData.zip"',
      remarks: 'Shows the manifest, the counts and whether the package can be imported.',
    },
    {
      title: 'List the rooms a package holds, with their messages',
      code: '(Get-PcmPersistentChatPackage C:\\pc\\export.zip).ChatRoomDetails | Sort-Object Messages -Descending | Format-Table Name, Category, Messages',
      remarks: 'Each room under the name it will have after the import, its category and its message count.',
    },
    {
      title: 'Check packages from the pipeline',
      code: 'Get-ChildItem C:\\Logs\\PersistentChatData.zip, C:\\pc\\export.zip | Get-PcmPersistentChatPackage | Format-Table -View Table',
      remarks: 'One line per package: whether it can be imported, its level and its counts. Files from Get-ChildItem bind by their FullName.',
    },
  ],
} as const;

export type PackageParams = ParamsOf<typeof declaration>;

async function* run(params: PackageParams, context: CmdletContext): AsyncGenerator<OutputItem> {
  const inspection = await inspectPackage(params.FileName!, limitsFrom(params), context);
  const m = inspection.manifest;
  const canImport = inspection.problems.length === 0;
  const part = (p: (typeof inspection.parts)[number]) =>
    outputObject('PersistentChatMigration.PackagePart', { Name: p.name, Bytes: p.bytes, Records: p.records, Sha256: p.sha256, ChecksumValid: p.checksumValid });
  yield outputObject('PersistentChatMigration.PackageInfo', {
    FileName: inspection.path,
    CanImport: canImport,
    FormatVersion: m?.formatVersion ?? null,
    Producer: m ? `${m.producer} ${m.producerVersion}`.trim() : null,
    SourceSchema: m?.sourceSchema ?? null,
    Source: m?.source ?? null,
    Level: m?.level ?? null,
    Scope: m ? m.scope : [],
    StartDate: m?.startDate != null ? dateFromTicks(m.startDate) : null,
    CreatedOn: m ? dateFromTicks(m.createdOn) : null,
    Principals: m?.counts.principals ?? null,
    Affiliations: m?.counts.affiliations ?? null,
    Categories: m?.counts.categories ?? null,
    ChatRooms: m?.counts.rooms ?? null,
    Addins: m?.counts.addins ?? null,
    Roles: m?.counts.roles ?? null,
    Scopes: m?.counts.scopes ?? null,
    Messages: m?.counts.messages ?? null,
    ChecksumsValid: inspection.parts.length > 0 && inspection.parts.every((p) => p.checksumValid === true),
    MessagesChecked: inspection.messagesChecked,
    Problems: inspection.problems,
    Conversions: countByRule(inspection.notices.filter((n) => n.severity !== 'Error')).map((c) =>
      outputObject('PersistentChatMigration.PackageConversion', { Rule: c.rule, Severity: c.severity, Count: c.count }),
    ),
    Parts: inspection.parts.map(part),
    CategoryDetails: inspection.categories.map((c) =>
      outputObject('PersistentChatMigration.PackageCategory', { Name: c.name, SourcePath: c.sourcePath, ChatRooms: c.rooms, Messages: c.messages }),
    ),
    ChatRoomDetails: inspection.rooms.map((r) =>
      outputObject('PersistentChatMigration.PackageChatRoom', { Name: r.name, SourceName: r.sourceName, Category: r.category, Disabled: r.disabled, Messages: r.messages }),
    ),
  });
  if (!canImport) {
    context.error(
      new PcmError(`The package '${inspection.path}' cannot be imported: ${inspection.problems.length} problem(s). ${inspection.problems.slice(0, 3).join(' ')}`, {
        errorId: 'PackageNotImportable',
        category: 'InvalidData',
        target: inspection.path,
      }),
    );
  }
}

export const cmdlet = defineCmdlet(declaration, run);
