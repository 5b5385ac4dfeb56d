/**
 * Test double for bridge/host.js (test support, not product): speaks the real wire (bridge/host-protocol.ts) but
 * answers with scripted records, so the module's client can be shown what the real cmdlets never send today:
 *   Export-CsPersistentChatData  a warning, a non-terminating error, two output objects, Done;
 *   Import-CsPersistentChatData  a warning, then nothing until a Stop arrives, then a stopped error and Done;
 *   New-PcmSampleDatabase        a warning, then crash text on stderr and exit code 3, mid-call.
 * The module starts it through PCM_NODE (a small script that runs node on this file).
 */
import { outputObject } from '../../../cmdlets/framework/cmdlet.js';
import { PcmError } from '../../../core/errors.js';
import { doneRecord, errorRecord, messageRecord, outputRecord, parseRequest, readyRecord } from '../../../bridge/host-protocol.js';
import { readLines, RecordWriter } from '../../../bridge/host-stdio.js';

const writer = new RecordWriter(process.stdout);
let waiting: number | undefined;

await writer.write(readyRecord('fake'));
for await (const line of readLines(process.stdin)) {
  const request = parseRequest(line);
  if (request.kind === 'Stop') {
    if (request.id === waiting) {
      waiting = undefined;
      await writer.write(errorRecord(new PcmError('The operation was stopped.', { errorId: 'OperationStopped', category: 'OperationStopped' }), true));
      await writer.write(doneRecord(request.id, 'Stopped'));
    }
    continue;
  }
  await writer.write(messageRecord('Warning', `fake warning from ${request.command}`));
  if (request.command === 'Export-CsPersistentChatData') {
    await writer.write(errorRecord(new PcmError('Room 1 could not be read.', { errorId: 'FakeNonTerminating', category: 'InvalidData', target: 'Room 1' }), false));
    await writer.write(outputRecord(outputObject('PersistentChatMigration.ExportResult', { Messages: 1 })));
    await writer.write(outputRecord(outputObject('PersistentChatMigration.ExportResult', { Messages: 2 })));
    await writer.write(doneRecord(request.id, 'CompletedWithErrors'));
  } else if (request.command === 'Import-CsPersistentChatData') {
    waiting = request.id;
  } else {
    process.stderr.write('fake host: simulated crash\n', () => process.exit(3));
    break;
  }
}
