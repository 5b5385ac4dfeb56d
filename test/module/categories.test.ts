/**
 * The category cmdlets as an administrator runs them: in the real engine, through the module and the Node host, over
 * a migrated pool. New- writes a CategoryObject; Get- pipes into Set- by value (-Instance) with PSListModifier
 * hashtables; Remove- takes the identity by position; a refusal is an ErrorRecord with its own error id and category
 * that -ErrorAction SilentlyContinue keeps from stopping the pipeline, and it writes nothing; -WhatIf writes nothing.
 * Every change is read back with SQL over tblNode, tblScopePrincipal and tblPrincipalRole.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migratedPool, type MigratedPool } from '../admin/support/migrated-pool.js';
import { ENGINE_TIMEOUT_MS, MANIFEST, Session, psText, requireEngine } from './support/engine.js';

const POOL = 'atl-pc-001.litwareinc.com';

describe('module: the category cmdlets in the PowerShell engine', function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  let fixture: MigratedPool | undefined;
  let session: Session | undefined;
  let db: string;

  const sql = <T>(query: string, ...args: unknown[]): T[] => {
    const d = new Database(db, { readonly: true });
    try {
      return d.prepare(query).all(...args) as T[];
    } finally {
      d.close();
    }
  };
  const user = (i: number): string => sql<{ u: string }>("SELECT prinUri AS u FROM tblPrincipal WHERE prinTypeID = 5 AND prinUri LIKE 'sip:%' ORDER BY prinID LIMIT 1 OFFSET ?", i)[0]!.u;
  const scope = (name: string): string[] =>
    sql<{ u: string; d: number }>('SELECT p.prinUri AS u, s.scopeIsDenied AS d FROM tblScopePrincipal s JOIN tblPrincipal p ON p.prinID = s.scopePrinID JOIN tblNode n ON n.nodeID = s.scopeNodeID WHERE n.nodeName = ? ORDER BY p.prinUri', name).map(
      (r) => `${r.d ? 'denied' : 'allowed'} ${r.u}`,
    );
  const creators = (name: string): string[] =>
    sql<{ u: string }>(
      "SELECT p.prinUri AS u FROM tblPrincipalRole r JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID JOIN tblNode n ON n.nodeID = r.prinRoleNodeID WHERE n.nodeName = ? AND t.rtypeDesc = 'Creator' ORDER BY p.prinUri",
      name,
    ).map((r) => r.u);
  const categories = (): string[] => sql<{ n: string }>('SELECT nodeName AS n FROM tblNode WHERE nodeType = 1 AND nodeID <> parentID ORDER BY nodeName').map((r) => r.n);

  before(async function () {
    requireEngine();
    fixture = await migratedPool(POOL, 1000, 'pcm-module-categories-');
    db = fixture.db;
    session = await Session.open({ PCM_CONFIG_STORE: process.env.PCM_CONFIG_STORE!, PCM_LOG_DIR: join(fixture.dir, 'logs') });
    await session.run(`Import-Module ${psText(MANIFEST)} -ErrorAction Stop`);
  });

  after(async () => {
    await session?.dispose();
    fixture?.restore();
  });

  it('New-CsPersistentChatCategory writes a CategoryObject with the documented defaults', async () => {
    const made = (await session!.value(
      `$c = New-CsPersistentChatCategory -Name "HelpDesk" -PersistentChatPoolFqdn ${psText(POOL)} -EnableFileUpload; ` +
        '$result = [pscustomobject]@{ Type = $c.PSObject.TypeNames[0]; Identity = $c.Identity; Invites = $c.Invites; FileUpload = $c.FileUpload; ChatHistory = $c.ChatHistory; Allowed = @($c.AllowedMembers).Count }',
    )) as Record<string, unknown>;
    assert.deepEqual({ ...made }, { Type: 'Microsoft.Rtc.Management.PersistentChat.Cmdlets.CategoryObject', Identity: `${POOL}\\HelpDesk`, Invites: false, FileUpload: true, ChatHistory: true, Allowed: 0 });
  });

  it('Get- pipes into Set- by value, with PSListModifier hashtables and Booleans', async () => {
    const [a, b] = [user(0), user(1)];
    await session!.run(
      `Get-CsPersistentChatCategory -Identity ${psText(`${POOL}\\helpdesk`)} | Set-CsPersistentChatCategory -AllowedMembers @{Add=${psText(a)}, ${psText(b)}} -DeniedMembers @{Add=${psText(user(2))}} -Creators @{Add=${psText(a)}} -Invitations $True`,
    );
    assert.deepEqual(scope('HelpDesk'), [`allowed ${a}`, `allowed ${b}`, `denied ${user(2)}`].sort());
    assert.deepEqual(creators('HelpDesk'), [a]);
    assert.equal(sql<{ i: number }>("SELECT invite AS i FROM tblNode WHERE nodeName = 'HelpDesk'")[0]!.i, 1);
    const shown = await session!.value(`$result = @((Get-CsPersistentChatCategory ${psText(`${POOL}\\HelpDesk`)}).Creators)`);
    assert.deepEqual([shown].flat(), [a]);
  });

  it('a narrowing change warns with the count, in PowerShell\'s warning stream', async () => {
    const b = user(1);
    await session!.run(`Set-CsPersistentChatCategory ${psText(`${POOL}\\HelpDesk`)} -Creators @{Add=${psText(b)}}`);
    const warnings = await session!.value(`$result = @(Set-CsPersistentChatCategory ${psText(`${POOL}\\HelpDesk`)} -AllowedMembers @{Remove=${psText(b)}} 3>&1 | ForEach-Object { [string]$_ })`);
    assert.match(String([warnings].flat()[0]), /Removed 1 member, manager, presenter or creator entry \(in 0 rooms and the category\)/);
    assert.deepEqual(creators('HelpDesk'), [user(0)]);
  });

  it("Microsoft's Get | Remove: each category that holds rooms is a non-terminating error, and the pipeline goes on to delete the empty ones", async () => {
    await session!.run('$null = New-CsPersistentChatCategory -Name "Empty One"; $null = New-CsPersistentChatCategory -Name "Empty Two"');
    const holding = sql<{ n: number }>('SELECT count(*) AS n FROM tblNode c WHERE c.nodeType = 1 AND c.nodeID <> c.parentID AND EXISTS (SELECT 1 FROM tblNode r WHERE r.parentID = c.nodeID AND r.nodeID <> c.nodeID)')[0]!.n;
    const left = categories().length - holding;
    assert.ok(left >= 3, 'HelpDesk and the two empty ones (and any empty migrated one)');
    // Not HelpDesk: the next test deletes it by position.
    const errors = (await session!.value(
      'Get-CsPersistentChatCategory | Where-Object { $_.Name -ne "HelpDesk" } | Remove-CsPersistentChatCategory -ErrorAction SilentlyContinue -ErrorVariable failed; ' +
        '$result = @($failed | ForEach-Object { $_.FullyQualifiedErrorId })',
    )) as unknown;
    assert.equal([errors].flat().length, holding);
    assert.ok([errors].flat().every((id) => String(id).startsWith('CategoryNotEmpty')), String(errors));
    assert.deepEqual(categories().filter((n) => /^Empty /.test(n)), [], 'the empty ones after the refused ones were deleted too');
    assert.ok(categories().includes('HelpDesk'));
  });

  it('a refusal is an ErrorRecord with its own id and category, and writes nothing', async () => {
    const before = readFileSync(db);
    const error = (await session!.value(
      `Remove-CsPersistentChatCategory ${psText(`${POOL}\\Sales`)} -ErrorAction SilentlyContinue -ErrorVariable failed; ` +
        '$result = [pscustomobject]@{ Id = $failed[0].FullyQualifiedErrorId; Category = [string]$failed[0].CategoryInfo.Category; Message = $failed[0].Exception.Message }',
    )) as Record<string, unknown>;
    assert.match(String(error['Id']), /^CategoryNotEmpty/);
    assert.equal(error['Category'], 'InvalidOperation');
    assert.match(String(error['Message']), /still holds \d+ chat rooms/);
    assert.ok(readFileSync(db).equals(before), 'the refusal wrote');
  });

  it('-WhatIf writes nothing; Remove- takes the identity by position and deletes the empty category', async () => {
    const before = readFileSync(db);
    const said = await session!.run(`Remove-CsPersistentChatCategory ${psText(`${POOL}\\HelpDesk`)} -WhatIf`);
    assert.match(said, /What if: Performing the operation "Remove-CsPersistentChatCategory" on target/);
    assert.ok(readFileSync(db).equals(before), '-WhatIf wrote');
    await session!.run(`Remove-CsPersistentChatCategory ${psText(`${POOL}\\HelpDesk`)}`);
    assert.equal(categories().includes('HelpDesk'), false);
    assert.equal(sql<{ n: number }>('SELECT count(*) AS n FROM tblScopePrincipal s LEFT JOIN tblNode n ON n.nodeID = s.scopeNodeID WHERE n.nodeID IS NULL')[0]!.n, 0, 'no scope row outlived its category');
  });
});
