/**
 * One writer per SQL Server database (issue 16): the claim is an exclusive session application lock, so a second
 * claim on the same database is refused at once with TargetInUse, one on another database is not, and closing the
 * first claim's session frees the database. Runs against a live server (PCM_TEST_MSSQL); skipped without one.
 */
import assert from 'node:assert/strict';
import { PcmError } from '../../core/errors.js';
import { parseDbInstance } from '../../store/db-instance.js';
import { claimTarget } from '../../store/target-claim.js';
import { liveServer, MSSQL_NOT_SET } from './support/live-server.js';

const server = liveServer();
const TITLE = 'mssql: one writer per database (sp_getapplock)';

(server ? describe : describe.skip)(server ? TITLE : `${TITLE} (skipped: ${MSSQL_NOT_SET})`, function () {
  this.timeout(60000);
  let first: string;
  let second: string;
  before(async function () {
    first = await server!.createDatabase('pcm_claim');
    second = await server!.createDatabase('pcm_claim');
  });
  after(async function () {
    await server!.dropDatabase(first);
    await server!.dropDatabase(second);
  });

  const claim = (db: string) => claimTarget(parseDbInstance(server!.dbInstance), 'Import-CsPersistentChatData', server!.options(db));

  it('refuses a second claim on the same database, allows one on another, and frees it on release', async function () {
    const held = await claim(first);
    try {
      await assert.rejects(claim(first), (error: unknown) => {
        assert.ok(error instanceof PcmError, String(error));
        assert.equal(error.errorId, 'TargetInUse');
        assert.equal(error.category, 'ResourceBusy');
        assert.match(error.message, /is in use by another import \(another session of this SQL Server\)/);
        assert.match(error.message, /PersistentChatMigration:pcm_claim/);
        return true;
      });
      const other = await claim(second);
      await other.release();
    } finally {
      await held.release();
    }
    const again = await claim(first);
    await again.release();
  });
});
