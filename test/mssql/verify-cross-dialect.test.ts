/**
 * Test-PcmPersistentChatMigration across dialects, live on the SQL Server PCM_TEST_MSSQL names (skipped, with the
 * reason, without one): a sqlite Group Chat 2010 source imported into SQL Server verifies with no difference, and a
 * manager removed on the server (plain SQL beside the store) is found, naming that room only.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { cmdlet as verify } from '../../cmdlets/Test-PcmPersistentChatMigration.js';
import { exportTo, makeSample } from '../migration/support/fixture.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { liveServer, MSSQL_NOT_SET } from './support/live-server.js';

const server = liveServer();
const TITLE = 'mssql: Test-PcmPersistentChatMigration, sqlite source against a SQL Server target';

(server ? describe : describe.skip)(server ? TITLE : `${TITLE} (skipped: ${MSSQL_NOT_SET})`, function () {
  this.timeout(10 * 60 * 1000);
  let dbName: string | undefined;
  after(async function () {
    if (dbName) await server!.dropDatabase(dbName);
    await server!.close();
  });

  it('verifies a migration into SQL Server, and finds a manager removed there', async function () {
    const sample = await makeSample('GroupChat2010', 1200);
    const zip = join(sample.dir, 'all.zip');
    await exportTo(sample.db, zip);
    dbName = await server!.createDatabase('pcm_verify');
    const target = server!.cmdletParameters(dbName);
    await runCmdlet(importData, { ...target, FileName: zip });
    const parameters = { SourceDBInstance: `sqlite:${sample.db}`, ...target };
    const clean = await runCmdlet(verify, { ...parameters, Quiet: true });
    assert.deepEqual(clean.output, [true]);

    const session = await server!.session(dbName);
    let room: string;
    try {
      const [row] = await session.query(
        "SELECT TOP 1 n.nodeName AS name, r.prinRolePrinID AS manager, n.nodeID AS id FROM tblNode n JOIN tblPrincipalRole r ON r.prinRoleNodeID = n.nodeID AND r.prinRoleTypeID = 2 WHERE n.nodeType = 0 AND n.nodeName LIKE '% - %' ORDER BY n.nodeID",
      );
      room = String(row!.name);
      await session.execute('DELETE FROM tblPrincipalRole WHERE prinRoleNodeID = ? AND prinRolePrinID = ? AND prinRoleTypeID = 2', row!.id, row!.manager);
    } finally {
      await session.close();
    }
    const run = await runCmdlet(verify, parameters);
    const differences = run.output.map(propertiesOf).filter((p) => p.Status === 'Different');
    assert.deepEqual(differences.map((d) => [d.Kind, d.Object, d.Property]), [['ChatRoom', room, 'Managers']]);
  });
});
