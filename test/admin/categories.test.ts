/**
 * Get-CsPersistentChatCategory over a migrated pool database: every category with its settings and its members as
 * plain SQL over Microsoft's tables (tblNode, tblScopePrincipal, tblPrincipalRole, tblRoleType) finds them.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { propertiesOf } from '../support/recording-context.js';
import { migratedPool, type MigratedPool } from './support/migrated-pool.js';
import { refusal, run } from './support/run-cmdlet.js';

const POOL = 'atl-pc-001.litwareinc.com';

describe('categories: Get-CsPersistentChatCategory', () => {
  let fixture: MigratedPool | undefined;
  let db: string;

  before(async () => {
    // A migrated Group Chat 2010 sample: flattened categories, scopes and creators as the import wrote them.
    fixture = await migratedPool(POOL, 50, 'pcm-categories-');
    db = fixture.db;
  });

  after(() => fixture?.restore());

  it('returns every category but the root, with its settings and its members as SQL finds them', async () => {
    const sql = new Database(db, { readonly: true });
    const rows = sql.prepare('SELECT nodeID, nodeName, nodeDesc, invite, filePost, logged FROM tblNode WHERE nodeType = 1 AND nodeID <> parentID ORDER BY nodeID').all() as {
      nodeID: number;
      nodeName: string;
      nodeDesc: string;
      invite: number;
      filePost: number;
      logged: number;
    }[];
    const members = (node: number, denied: number): string[] =>
      (sql.prepare('SELECT p.prinUri AS u FROM tblScopePrincipal s JOIN tblPrincipal p ON p.prinID = s.scopePrinID WHERE s.scopeNodeID = ? AND s.scopeIsDenied = ?').all(node, denied) as { u: string }[]).map((r) => r.u).sort();
    const creators = (node: number): string[] =>
      (sql.prepare("SELECT p.prinUri AS u FROM tblPrincipalRole r JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID WHERE r.prinRoleNodeID = ? AND t.rtypeDesc = 'Creator'").all(node) as { u: string }[]).map((r) => r.u).sort();
    const { output } = await run('Get-CsPersistentChatCategory');
    assert.equal(output.length, rows.length);
    assert.ok(rows.length > 5);
    for (const row of rows) {
      const got = output.map(propertiesOf).find((o) => o.Name === row.nodeName)!;
      assert.ok(got, row.nodeName);
      assert.equal(got.Identity, `${POOL}\\${row.nodeName}`);
      assert.equal(got.Description, row.nodeDesc);
      assert.deepEqual([got.Invites, got.FileUpload, got.ChatHistory], [row.invite === 1, row.filePost === 1, row.logged === 1]);
      assert.deepEqual([...(got.AllowedMembers as string[])].sort(), members(row.nodeID, 0), `${row.nodeName} allowed`);
      assert.deepEqual([...(got.DeniedMembers as string[])].sort(), members(row.nodeID, 1), `${row.nodeName} denied`);
      assert.deepEqual([...(got.Creators as string[])].sort(), creators(row.nodeID), `${row.nodeName} creators`);
    }
    sql.close();
  });

  it('finds one by identity (case-insensitively), names members by display name with -AsObject, and says when there is none', async () => {
    const { output } = await run('Get-CsPersistentChatCategory');
    const withMembers = output.map(propertiesOf).find((o) => (o.AllowedMembers as string[]).length > 0)!;
    assert.ok(withMembers, 'a category with allowed members');
    const one = await run('Get-CsPersistentChatCategory', { Identity: `${POOL}\\${String(withMembers.Name).toUpperCase()}`, AsObject: true });
    assert.equal(one.output.length, 1);
    const named = propertiesOf(one.output[0]).AllowedMembers as string[];
    assert.equal(named.length, (withMembers.AllowedMembers as string[]).length);
    assert.ok(named.every((n) => !/^(sip:|ma-grp:)/.test(n)), `display names, not URIs: ${named.join(', ')}`);
    assert.equal((await refusal('Get-CsPersistentChatCategory', { Identity: 'No Such Category' })).errorId, 'CategoryNotFound');
    assert.equal((await run('Get-CsPersistentChatCategory', { PersistentChatPoolFqdn: POOL })).output.length, output.length);
  });
});
