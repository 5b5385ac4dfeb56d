/**
 * Packages made by Microsoft's own Export-CsPersistentChatData (issue 12, item 5): no Manifest.xml, only the four
 * parts PChat2Teams reads, in the element shapes it reads (domain.md §6.2), built here as real ZIPs with yazl. Such a
 * package imports with one warning naming what could not be checked; -WhatIf writes nothing; a hostile part is still
 * refused; a package of ours that lost its manifest is still refused as before.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cmdlet as getPackage } from '../../cmdlets/Get-PcmPersistentChatPackage.js';
import { cmdlet as importData } from '../../cmdlets/Import-CsPersistentChatData.js';
import { PackageError } from '../../core/errors.js';
import { FOREIGN_CATEGORY_NAME } from '../../archive/foreign-package.js';
import { PackageReader } from '../../archive/package-reader.js';
import { propertiesOf, runCmdlet } from '../support/recording-context.js';
import { tempDir } from '../support/temp.js';
import { fileHash, query } from '../migration/support/sql.js';
import { basicParts, fileWith, packageOf, partDocument, pointAt, zipOf, type Entry } from './support/package-builder.js';

/** A part as Microsoft's tool is known to write it: <Pool> (no attributes of ours), the collection, the records. */
const msPart = (name: string, collection: string, records: readonly string[], prolog = ''): Entry => ({
  name,
  data: `<?xml version="1.0" encoding="utf-8"?>${prolog}<Pool><${collection}>${records.join('')}</${collection}></Pool>`,
});

interface Shape {
  users?: string[];
  usersProlog?: string;
}

/** The four parts: two users (UserPrincipalName as a child element and as an attribute; one with an AD path), a group, memberships, two rooms. */
function msParts(shape: Shape = {}): Entry[] {
  return [
    msPart(
      'AdUsers.xml',
      'AdUsers',
      shape.users ?? [
        '<User principalId="5"><UserPrincipalName>ann@contoso.com</UserPrincipalName><Uri>sip:ann@contoso.com</Uri><Name>Ann</Name><AdPath>CN=Ann,OU=Staff,DC=contoso,DC=com</AdPath></User>',
        '<User principalId="6" UserPrincipalName="bob@contoso.com"><Uri>sip:bob@contoso.com</Uri></User>',
      ],
      shape.usersProlog,
    ),
    msPart('AdGroups.xml', 'AdGroups', ['<Group principalId="20"><Uri>ma-grp://contoso.com/staff</Uri><Name>Staff</Name></Group>']),
    msPart('AdAffiliations.xml', 'AdAffiliations', ['<User id="5"><Groups><Group id="20"/></Groups></User>', '<User id="6"><Groups><Group id="20"/></Groups></User>']),
    msPart('ChatRooms.xml', 'ChatRooms', [
      '<ChatRoom isDisabled="0"><Name>Lobby</Name><Desc>The lobby</Desc><Roles>' +
        '<Principal id="5" isManager="1" isMember="1" isCreator="0"/><Principal id="20" isManager="0" isMember="1" isCreator="0"/></Roles></ChatRoom>',
      '<ChatRoom isDisabled="0"><Name>Design</Name><Roles><Principal id="6" isManager="0" isMember="1" isCreator="0"/></Roles></ChatRoom>',
    ]),
  ];
}

const run = (target: string, zip: string, extra: Record<string, unknown> = {}) => runCmdlet(importData, { DBInstance: `sqlite:${target}`, FileName: zip, PassThru: true, ...extra });
const packageWarnings = (warnings: readonly string[]): string[] => warnings.filter((w) => /has no Manifest\.xml/.test(w));

describe("Packages of Microsoft's Export-CsPersistentChatData (no manifest)", function () {
  let dir: string;
  let zip: string;
  before(async function () {
    dir = tempDir('pcm-foreign-');
    zip = join(dir, 'PersistentChatData.zip');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(zip, await zipOf(msParts()));
  });

  it('imports what it holds, with one warning naming what could not be checked', async function () {
    const target = join(dir, 'imported.db');
    const result = await run(target, zip);
    const warnings = packageWarnings(result.context.warnings);
    assert.equal(warnings.length, 1, result.context.warnings.join('\n'));
    assert.match(warnings[0]!, /no checksums and no record counts/);
    assert.match(warnings[0]!, /SHA-256 of each part, the number of records in each part/);

    const users = query(target, 'SELECT prinUri, prinADUserPrincipalName AS upn, prinTypeID, prinDisabled FROM tblPrincipal WHERE prinUri LIKE ? ORDER BY prinUri', 'sip:%');
    assert.deepEqual(
      users.map((u) => [u.prinUri, u.upn]),
      [
        ['sip:ann@contoso.com', 'ann@contoso.com'],
        ['sip:bob@contoso.com', 'bob@contoso.com'],
      ],
    );
    // The rule of every package applies: a SIP user with no AD path is taken for a federated one, and arrives disabled.
    assert.deepEqual(users.map((u) => Number(u.prinDisabled)), [0, 1]);
    assert.ok(result.context.warnings.some((w) => /bob@contoso\.com.*federation/.test(w)), result.context.warnings.join('\n'));
    const group = query(target, "SELECT p.prinID, t.ptypeDesc FROM tblPrincipal p JOIN tblPrincipalType t ON t.ptypeID = p.prinTypeID WHERE p.prinUri = 'ma-grp://contoso.com/staff'");
    assert.equal(group.length, 1);
    assert.equal(group[0]!.ptypeDesc, 'Group');

    const members = query(
      target,
      'SELECT m.prinUri FROM tblPrincipalAffiliations a JOIN tblPrincipal m ON m.prinID = a.principalID JOIN tblPrincipal g ON g.prinID = a.affiliationID WHERE g.prinUri = ? AND m.prinID <> g.prinID ORDER BY m.prinUri',
      'ma-grp://contoso.com/staff',
    );
    assert.deepEqual(members.map((m) => m.prinUri), ['sip:ann@contoso.com', 'sip:bob@contoso.com']);

    const rooms = query(
      target,
      'SELECT r.nodeName, r.nodeDesc, r.disabled, c.nodeName AS category FROM tblNode r JOIN tblNode c ON c.nodeID = r.parentID WHERE r.nodeType = 0 ORDER BY r.nodeName',
    );
    assert.deepEqual(
      rooms.map((r) => [r.nodeName, r.nodeDesc, Number(r.disabled), r.category]),
      [
        ['Design', '', 0, FOREIGN_CATEGORY_NAME],
        ['Lobby', 'The lobby', 0, FOREIGN_CATEGORY_NAME],
      ],
    );

    const roles = query(
      target,
      'SELECT n.nodeName, p.prinUri, t.rtypeDesc FROM tblPrincipalRole r JOIN tblNode n ON n.nodeID = r.prinRoleNodeID JOIN tblPrincipal p ON p.prinID = r.prinRolePrinID ' +
        'JOIN tblRoleType t ON t.rtypeID = r.prinRoleTypeID WHERE n.nodeType = 0 ORDER BY n.nodeName, p.prinUri, t.rtypeDesc',
    );
    assert.deepEqual(
      roles.map((r) => `${r.nodeName}|${r.prinUri}|${r.rtypeDesc}`),
      ['Design|sip:bob@contoso.com|Member', 'Lobby|ma-grp://contoso.com/staff|Member', 'Lobby|sip:ann@contoso.com|Manager', 'Lobby|sip:ann@contoso.com|Member'],
    );
    assert.equal(propertiesOf(result.output[0]).ChatRoomsCreated, 2);

    // Imported again: the same principals and rooms are found (derived GUIDs are stable), nothing is duplicated.
    await run(target, zip);
    assert.equal(query(target, "SELECT 1 FROM tblPrincipal WHERE prinUri LIKE 'sip:%'").length, 2);
    assert.equal(query(target, 'SELECT 1 FROM tblNode WHERE nodeType = 0').length, 2);
  });

  it('-WhatIf reports it, with the warning, and writes nothing', async function () {
    const target = join(dir, 'whatif.db');
    const result = await run(target, zip, { WhatIf: true });
    assert.equal(existsSync(target), false);
    assert.equal(packageWarnings(result.context.warnings).length, 1);
    assert.equal(propertiesOf(result.output[0]).ChatRoomsCreated, 2);

    const existing = join(dir, 'whatif-existing.db');
    await run(existing, zip);
    const hash = fileHash(existing);
    const again = await run(existing, zip, { WhatIf: true });
    assert.equal(fileHash(existing), hash);
    assert.equal(propertiesOf(again.output[0]).ChatRoomsOverwritten, 2);
  });

  it('Get-PcmPersistentChatPackage shows it importable, with no manifest and no checksum said to be valid', async function () {
    const result = await runCmdlet(getPackage, { FileName: zip });
    const info = propertiesOf(result.output[0]);
    assert.equal(info.CanImport, true, String(info.Problems));
    assert.equal(info.Producer, null);
    assert.equal(info.Principals, null);
    assert.equal(info.ChecksumsValid, false);
    const parts = (info.Parts as unknown[]).map((p) => propertiesOf(p as never));
    assert.deepEqual(parts.map((p) => [p.Name, p.ChecksumValid]), [
      ['AdUsers.xml', null],
      ['AdGroups.xml', null],
      ['AdAffiliations.xml', null],
      ['ChatRooms.xml', null],
    ]);
    assert.ok((info.Conversions as unknown[]).map((c) => propertiesOf(c as never)).some((c) => c.Rule === 'UnverifiedPackage'));
    assert.equal((info.ChatRoomDetails as unknown[]).length, 2);
  });

  describe('every check that needs no manifest still applies', function () {
    const refused = async (bytes: Buffer, pattern: RegExp, name: string): Promise<void> => {
      const target = join(dir, `${name}.db`);
      await assert.rejects(run(target, fileWith(bytes)), (e: unknown) => e instanceof PackageError && pattern.test(e.message));
      assert.equal(existsSync(target), false, 'nothing written');
    };

    it('refuses an oversized attribute, quoting only an excerpt', async function () {
      const huge = '9'.repeat(2 * 1024 * 1024);
      const parts = msParts({ users: [`<User principalId="${huge}"><Uri>sip:ann@contoso.com</Uri></User>`] }).map((p) => (p.name === 'AdUsers.xml' ? { ...p, compress: false } : p));
      await refused(await zipOf(parts), /principalId="9{80}… \(2097152 characters\)" is not a 32-bit whole number/, 'huge-attribute');
    });

    it('refuses a DOCTYPE', async function () {
      const bytes = await zipOf(msParts({ usersProlog: '<!DOCTYPE Pool [<!ENTITY x "y">]>' }));
      await refused(bytes, /DOCTYPE declaration is not allowed/, 'doctype');
    });

    it('refuses overlapping entries', async function () {
      const bytes = pointAt(await zipOf(msParts()), 'ChatRooms.xml', 'AdUsers.xml');
      await refused(bytes, /overlaps .*its data would be read more than once/, 'overlap');
    });

    it('refuses an entry that is not one of the four parts', async function () {
      await refused(await zipOf([...msParts(), { name: 'notes.txt', data: 'x' }]), /unexpected entry 'notes\.txt'/, 'extra-entry');
    });

    it('refuses a record that lacks what Microsoft cannot have left out (the principal URI)', async function () {
      await refused(await zipOf(msParts({ users: ['<User principalId="5"><UserPrincipalName>ann@contoso.com</UserPrincipalName></User>'] })), /the element <Uri> is missing/, 'no-uri');
    });
  });

  describe('a package of ours without its manifest is refused as before', function () {
    const noManifest = /the package has no Manifest\.xml; it was not written by Export-CsPersistentChatData of PersistentChatMigration, or it is incomplete/;

    it('when it holds a part only we write (messages)', async function () {
      await assert.rejects(PackageReader.open({ path: fileWith(await packageOf(basicParts(), { omitManifest: true })) }), (e: unknown) => e instanceof PackageError && noManifest.test(e.message));
    });

    it('when it holds exactly the four shared parts, but written by us (<Pool formatVersion>)', async function () {
      const ours = [
        { name: 'AdUsers.xml', data: partDocument('AdUsers.xml', []) },
        { name: 'AdGroups.xml', data: partDocument('AdGroups.xml', []) },
        { name: 'AdAffiliations.xml', data: partDocument('AdAffiliations.xml', []) },
        { name: 'ChatRooms.xml', data: partDocument('ChatRooms.xml', []) },
      ];
      const target = join(dir, 'ours.db');
      await assert.rejects(run(target, fileWith(await zipOf(ours))), (e: unknown) => e instanceof PackageError && noManifest.test(e.message));
      assert.equal(existsSync(target), false);
    });

    it('when one of the four parts is missing', async function () {
      const three = msParts().filter((p) => p.name !== 'AdGroups.xml');
      await assert.rejects(PackageReader.open({ path: fileWith(await zipOf(three)) }), (e: unknown) => e instanceof PackageError && noManifest.test(e.message));
    });
  });
});
