/**
 * The export's reader thread, through its handle: it starts before its job is known, so what it says in between
 * (an error opening the source) must wait in the queue and surface when the job is read, and a reader never given
 * a job must stop cleanly. A real worker thread on real SQLite files.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PcmError } from '../../core/errors.js';
import { MessageReader } from '../../migration/message-reader.js';
import { SYSTEM_PRINCIPAL } from '../../store/schema-data.js';
import { tempDir } from '../support/temp.js';
import { makeSample } from './support/fixture.js';
import { query } from './support/sql.js';

const job = (rooms: { id: number; name: string }[], known: number[]) => ({ rooms, since: null, knownPrincipals: Int32Array.from(known), systemPrincipal: SYSTEM_PRINCIPAL.id });

describe('export reader thread', function () {
  it('reports an error it met before its job was sent when the job is read', async function () {
    const missing = join(tempDir(), 'gone.db');
    const reader = MessageReader.start(`sqlite:${missing}`, {});
    try {
      // Give the thread time to fail opening the file before anyone listens.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await assert.rejects(
        async () => {
          for await (const _ of reader.read(job([{ id: 1, name: 'r' }], [1]), new AbortController().signal)) {
            // nothing arrives
          }
        },
        (error: unknown) => error instanceof PcmError && error.message.includes(missing) && /does not exist/.test(error.message),
      );
    } finally {
      await reader.stop();
    }
  });

  it('reads every message of the rooms it is given, in chunks, then says it is done', async function () {
    const { db } = await makeSample('GroupChat2010', 3000);
    const rooms = query(db, 'SELECT DISTINCT channelId AS id FROM tblChat ORDER BY channelId').map((r) => ({ id: Number(r.id), name: `room ${String(r.id)}` }));
    const known = query(db, 'SELECT prinID AS id FROM tblPrincipal').map((r) => Number(r.id));
    const reader = MessageReader.start(`sqlite:${db}`, {});
    let records = 0;
    let chunks = 0;
    let done = false;
    try {
      for await (const message of reader.read(job(rooms, known), new AbortController().signal)) {
        if (message.kind === 'chunk') {
          records += message.records;
          chunks++;
          assert.ok(message.bytes.byteLength > 0);
        }
        if (message.kind === 'done') done = true;
      }
    } finally {
      await reader.stop();
    }
    assert.ok(done);
    assert.equal(records, Number(query(db, 'SELECT COUNT(*) AS n FROM tblChat')[0]!.n));
    assert.ok(chunks >= 1);
  });

  it('stops cleanly when it never got a job (an export that failed before its messages)', async function () {
    const { db } = await makeSample('GroupChat2010', 100);
    const reader = MessageReader.start(`sqlite:${db}`, {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    await reader.stop();
  });
});
