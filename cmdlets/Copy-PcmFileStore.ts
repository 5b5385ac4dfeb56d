/**
 * Copy-PcmFileStore: the runbook's step 7 (domain.md §4.5: "XCOPY the whole uploaded-files folder into the new
 * Persistent Chat file store"), done safely and repeatably. The engine is migration/filestore/.
 */
import { defineCmdlet, type CmdletContext, type ParamsOf } from './framework/cmdlet.js';
import { runFileStoreCopy } from '../migration/filestore/copy-run.js';

export const declaration = {
  name: 'Copy-PcmFileStore',
  synopsis: 'Copies the files uploaded to Group Chat rooms into the new Persistent Chat file store, verifying every copy.',
  description:
    'Copy-PcmFileStore copies every file of the legacy Group Chat file store into the Persistent Chat file store, ' +
    'keeping the folder structure, names (Unicode and unusual ones included), empty files and dates. Each file is ' +
    'streamed to a temporary name beside its destination, read back and checked by SHA-256, and renamed into place ' +
    'only when it matches, so an interrupted copy never leaves a partial file under a real name. Running it again ' +
    'copies only what is missing or differs, and repairs a damaged copy; files that are already identical are left ' +
    'alone. Symbolic links and junctions are never followed, wherever they point: each is skipped with a warning and ' +
    'listed in the report. Files the destination has and the source does not are left alone (the new store may ' +
    'already hold new uploads). A file that cannot be copied is reported as a non-terminating error and the others ' +
    'go on. -WhatIf lists what would be copied or repaired, writing nothing. -Report writes an HTML report, its JSON ' +
    'twin and a SHA-256 manifest (.sha256, in the format sha256sum -c checks).',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters: [
    {
      name: 'Path',
      type: 'String',
      kind: 'path',
      mandatory: true,
      position: 0,
      description: 'The folder of the legacy Group Chat file store, for example \\\\fs01\\GroupChatFiles or C:\\GroupChat\\Files.',
    },
    {
      name: 'Destination',
      type: 'String',
      kind: 'path',
      mandatory: true,
      position: 1,
      description: 'The folder of the new Persistent Chat file store. It is created if it does not exist (its parent must). It must not overlap -Path.',
    },
    {
      name: 'Report',
      type: 'String',
      kind: 'path',
      description: 'Path of an HTML report of the copy, for example C:\\Logs\\FileStoreCopy.html. A JSON twin (.json) and a SHA-256 manifest of every file (.sha256) are written beside it.',
    },
  ],
  outputTypes: [{ typeName: 'PersistentChatMigration.FileStoreCopy', view: { list: ['Path', 'Destination', 'WhatIf', 'Files', 'Folders', 'Copied', 'Repaired', 'Unchanged', 'SkippedLinks', 'SkippedOther', 'Failed', 'Bytes', 'BytesCopied', 'Verified', 'Report', 'Manifest', 'DurationSeconds'], table: ['Destination', 'Files', 'Copied', 'Repaired', 'Verified'] } }, { typeName: 'PersistentChatMigration.FileStoreItem', view: { table: ['Action', 'RelativePath', 'Bytes'] } }],
  examples: [
    {
      title: 'See what would be copied',
      code: 'Copy-PcmFileStore -Path C:\\GroupChat\\Files -Destination C:\\PersistentChat\\FileStore -WhatIf',
      remarks: 'Lists each file that would be copied or repaired, and the totals, without writing anything.',
    },
    {
      title: 'Copy the file store with a report',
      code: 'Copy-PcmFileStore -Path C:\\GroupChat\\Files -Destination C:\\PersistentChat\\FileStore -Report C:\\Logs\\FileStoreCopy.html',
      remarks: 'Copies and verifies every file, then writes FileStoreCopy.html, FileStoreCopy.json and FileStoreCopy.sha256. Run the same command again after an interruption: it finishes the copy.',
    },
  ],
} as const;

export type FileStoreParams = ParamsOf<typeof declaration>;

export const cmdlet = defineCmdlet(declaration, (params: FileStoreParams, context: CmdletContext) =>
  runFileStoreCopy({ path: params.Path!, destination: params.Destination!, report: params.Report }, context),
);
