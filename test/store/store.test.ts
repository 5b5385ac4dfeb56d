/**
 * The Store contract (store/store.ts), run against every dialect in DIALECTS on real databases: schema creation and
 * recognition, the static rows, each writer method and what the readers give back (field for field, in the
 * documented order, across more than one page), chat id assignment, the chat queries an import relies on to resume
 * and de-duplicate, and transactions. Exports and imports trust these answers blindly, so a store that rounds a tick,
 * turns null into "" or drops a row at a page boundary corrupts a migration silently.
 * The last block covers opening SQLite files that are not (or not yet) mgc databases.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PcmError } from '../../core/errors.js';
import { PrincipalType, type Affiliation, type Chat, type Principal, type SchemaKind } from '../../core/model.js';
import { MAX_TICKS } from '../../core/ticks.js';
import { openStore } from '../../store/open-store.js';
import type { ChatInput, Store } from '../../store/store.js';
import { tempDir } from '../support/temp.js';
import { DIALECTS, type TestDatabase } from './support/dialects.js';
import { all, at, category, collect, group, guidOf, room, stored, user } from './support/fixtures.js';

const chat = (seconds: number, userId: number, content: string, extra: Partial<ChatInput> = {}): ChatInput => ({
  date: at(seconds),
  userId,
  isAlert: false,
  content,
  rtf: null,
  ...extra,
});

const asChat = (roomId: number, chatId: bigint, input: ChatInput): Chat => ({
  roomId,
  chatId,
  date: input.date,
  userId: input.userId,
  isAlert: input.isAlert,
  content: input.content,
  rtf: input.rtf,
});

/** The system principal every new database has (prinID 1, the AD sync user). */
const SYSTEM: Principal = {
  id: 1,
  guid: '00000000-0000-0000-0000-000000000001',
  uri: 'ma-grp://system/adsync',
  type: PrincipalType.SystemUser,
  name: 'AD Sync',
  displayName: null,
  company: null,
  email: null,
  adPath: null,
  upn: null,
  disabled: 0,
  addedOn: 630822816000000000n,
  updatedOn: 630822816000000000n,
};

for (const dialect of DIALECTS) {
  dialect.describe(`${dialect.id}: store`, function () {
    let db: TestDatabase;
    let store: Store;
    const others: TestDatabase[] = [];

    /** A second database with another schema, closed with the test's own. */
    const create = async (schema: SchemaKind): Promise<TestDatabase> => {
      const extra = await dialect.create(schema);
      others.push(extra);
      return extra;
    };

    beforeEach(async function () {
      db = await dialect.create('PersistentChat2013');
      store = db.store;
    });

    afterEach(async function () {
      await db?.destroy();
      for (const extra of others.splice(0)) await extra.destroy();
    });

    describe('schemas', function () {
      it('creates a Persistent Chat 2013 database and recognises it when opened again', async function () {
        assert.equal(store.schema, 'PersistentChat2013');
        const again = await db.reopen();
        assert.equal(again.schema, 'PersistentChat2013');
        await assert.rejects(db.query('SELECT topic FROM tblNode'), /topic/, 'a Persistent Chat tblNode has no topic column');
      });

      it('creates a Group Chat 2010 database and recognises it when opened again', async function () {
        const legacy = await create('GroupChat2010');
        assert.equal(legacy.store.schema, 'GroupChat2010');
        const again = await legacy.reopen();
        assert.equal(again.schema, 'GroupChat2010');
        assert.equal((await legacy.query('SELECT topic, inheritance, scopeChange, overrideMember FROM tblNode')).length, 1, 'the legacy columns exist');
      });

      it('starts a PersistentChat2013 database with the root node under itself and the system principal', async function () {
        const nodes = await all(store.nodes());
        assert.equal(nodes.length, 1);
        assert.deepEqual(
          { id: nodes[0]!.id, parentId: nodes[0]!.parentId, kind: nodes[0]!.kind, disabled: nodes[0]!.disabled },
          { id: 1, parentId: 1, kind: 'Category', disabled: false },
        );
        assert.deepEqual(await all(store.principals()), [SYSTEM]);
        assert.deepEqual(await all(store.affiliations()), []);
        assert.deepEqual(await all(store.addins()), []);
        assert.deepEqual(await all(store.scopes()), []);
        assert.deepEqual(await all(store.roles()), []);
        assert.deepEqual(await store.chatCounts(), new Map());
      });

      it('starts a GroupChat2010 database with a root that defines its own scope and member list, and the system principal', async function () {
        const legacy = await create('GroupChat2010');
        const nodes = await all(legacy.store.nodes());
        assert.deepEqual(
          nodes.map((n) => ({ id: n.id, parentId: n.parentId, kind: n.kind, scopeDefinerId: n.scopeDefinerId, roleDefinerId: n.roleDefinerId })),
          [{ id: 1, parentId: 1, kind: 'Category', scopeDefinerId: 1, roleDefinerId: 1 }],
        );
        // Group Chat 2010 has no prinDisplayName: prinName is the display name (gg558667).
        assert.deepEqual(await all(legacy.store.principals()), [{ ...SYSTEM, displayName: SYSTEM.name }]);
        assert.deepEqual(await all(legacy.store.roles()), []);
        assert.deepEqual(await legacy.store.chatCounts(), new Map());
      });

      it('fills the lookup tables of a PersistentChat2013 database (principal types, role types, enum values)', async function () {
        assert.deepEqual(await db.query('SELECT ptypeID, ptypeDesc, ptypeIsSystemUser, ptypeIsUser FROM tblPrincipalType ORDER BY ptypeID'), [
          { ptypeID: 1, ptypeDesc: 'Any', ptypeIsSystemUser: 0, ptypeIsUser: 0 },
          { ptypeID: 2, ptypeDesc: 'AnyUser', ptypeIsSystemUser: 0, ptypeIsUser: 1 },
          { ptypeID: 3, ptypeDesc: 'AnyGroup', ptypeIsSystemUser: 0, ptypeIsUser: 0 },
          { ptypeID: 4, ptypeDesc: 'SystemUser', ptypeIsSystemUser: 1, ptypeIsUser: 1 },
          { ptypeID: 5, ptypeDesc: 'User', ptypeIsSystemUser: 0, ptypeIsUser: 1 },
          { ptypeID: 8, ptypeDesc: 'Domain', ptypeIsSystemUser: 0, ptypeIsUser: 0 },
          { ptypeID: 9, ptypeDesc: 'Group', ptypeIsSystemUser: 0, ptypeIsUser: 0 },
          { ptypeID: 10, ptypeDesc: 'Folder', ptypeIsSystemUser: 0, ptypeIsUser: 0 },
        ]);
        // Permission bits as documented: 2 manage, 4 create children, 7 join, 8 chat, 10 read history, 11 see,
        // 12 chat in an auditorium, 13 bypass visibility.
        assert.deepEqual(await db.query('SELECT rtypeID, rtypeDesc, rtypeAllowedPermSet FROM tblRoleType ORDER BY rtypeID'), [
          { rtypeID: 1, rtypeDesc: 'Member', rtypeAllowedPermSet: 128 + 256 + 2048 },
          { rtypeID: 2, rtypeDesc: 'Manager', rtypeAllowedPermSet: 4 + 128 + 256 + 1024 + 2048 + 8192 },
          { rtypeID: 3, rtypeDesc: 'Voiced', rtypeAllowedPermSet: 128 + 256 + 2048 + 4096 },
          { rtypeID: 4, rtypeDesc: 'Creator', rtypeAllowedPermSet: 16 + 2048 },
        ]);
        assert.deepEqual(await db.query('SELECT valueID, attributeID, attributeValue FROM tblEnumValue ORDER BY valueID'), [
          { valueID: 2, attributeID: 1, attributeValue: 'private' },
          { valueID: 3, attributeID: 1, attributeValue: 'scope' },
          { valueID: 4, attributeID: 2, attributeValue: 'normal' },
          { valueID: 5, attributeID: 2, attributeValue: 'auditorium' },
          { valueID: 6, attributeID: 1, attributeValue: 'open' },
        ]);
        assert.deepEqual(await db.query('SELECT nodeID, parentID, nodeType FROM tblNode'), [{ nodeID: 1, parentID: 1, nodeType: 1 }]);
      });

      it('fills the lookup tables of a GroupChat2010 database: eleven principal types with ptypeIsFederated, three roles with honorsOverride / honorsScope, no Open', async function () {
        const legacy = await create('GroupChat2010');
        assert.deepEqual(await legacy.query('SELECT ptypeID, ptypeDesc, ptypeIsSystemUser, ptypeIsUser, ptypeIsFederated FROM tblPrincipalType ORDER BY ptypeID'), [
          { ptypeID: 1, ptypeDesc: 'Any', ptypeIsSystemUser: 0, ptypeIsUser: 0, ptypeIsFederated: 0 },
          { ptypeID: 2, ptypeDesc: 'AnyUser', ptypeIsSystemUser: 0, ptypeIsUser: 1, ptypeIsFederated: 0 },
          { ptypeID: 3, ptypeDesc: 'AnyGroup', ptypeIsSystemUser: 0, ptypeIsUser: 0, ptypeIsFederated: 0 },
          { ptypeID: 4, ptypeDesc: 'SystemUser', ptypeIsSystemUser: 1, ptypeIsUser: 0, ptypeIsFederated: 0 },
          { ptypeID: 5, ptypeDesc: 'User', ptypeIsSystemUser: 0, ptypeIsUser: 1, ptypeIsFederated: 0 },
          { ptypeID: 6, ptypeDesc: 'ExternalUser', ptypeIsSystemUser: 0, ptypeIsUser: 1, ptypeIsFederated: 0 },
          { ptypeID: 7, ptypeDesc: 'FederatedUser', ptypeIsSystemUser: 0, ptypeIsUser: 1, ptypeIsFederated: 1 },
          { ptypeID: 8, ptypeDesc: 'Domain', ptypeIsSystemUser: 0, ptypeIsUser: 0, ptypeIsFederated: 0 },
          { ptypeID: 9, ptypeDesc: 'Group', ptypeIsSystemUser: 0, ptypeIsUser: 0, ptypeIsFederated: 0 },
          { ptypeID: 10, ptypeDesc: 'Folder', ptypeIsSystemUser: 0, ptypeIsUser: 0, ptypeIsFederated: 0 },
          { ptypeID: 11, ptypeDesc: 'FederatedGroup', ptypeIsSystemUser: 0, ptypeIsUser: 0, ptypeIsFederated: 1 },
        ]);
        // 2010 lists 9 (leave) too; managers' grants do not honour overrides (the manager list cannot be reset).
        assert.deepEqual(await legacy.query('SELECT rtypeDesc, rtypeAllowedPermSet, honorsOverride, honorsScope FROM tblRoleType ORDER BY rtypeID'), [
          { rtypeDesc: 'Member', rtypeAllowedPermSet: 128 + 256 + 512 + 2048, honorsOverride: 1, honorsScope: 1 },
          { rtypeDesc: 'Manager', rtypeAllowedPermSet: 4 + 16 + 128 + 256 + 512 + 1024 + 2048 + 8192, honorsOverride: 0, honorsScope: 1 },
          { rtypeDesc: 'Voiced', rtypeAllowedPermSet: 128 + 256 + 512 + 2048 + 4096, honorsOverride: 1, honorsScope: 1 },
        ]);
        assert.deepEqual((await legacy.query('SELECT attributeValue FROM tblEnumValue ORDER BY valueID')).map((r) => r.attributeValue), ['private', 'scope', 'normal', 'auditorium']);
        assert.equal((await legacy.query('SELECT COUNT(*) AS n FROM tblVersion'))[0]!.n, 1);
      });
    });

    describe('principals', function () {
      it('inserts principals and reads them back field for field, in id order', async function () {
        const inputs = [
          user(2),
          group(3),
          // Every optional text empty rather than null: "" and null are different values in mgc.
          user(4, { name: '', displayName: '', company: '', email: '', adPath: '', upn: '' }),
          user(5, { name: null, displayName: null, company: null, email: null, adPath: null, upn: null, disabled: 2 }),
          user(6, {
            name: 'Zoë Ångström',
            displayName: 'مريم \u200Fالعربية\u200E 🧪 👩🏽‍💻',
            company: '株式会社コントソ',
            adPath: 'CN=Zoë\\, Ångström,OU=Ünits,DC=contoso,DC=com',
            uri: 'sip:zoë@contoso.com',
          }),
          user(7, { type: PrincipalType.AnyUser, disabled: 1 }),
          group(8, { type: PrincipalType.Folder }),
          group(9, { type: PrincipalType.Domain, uri: 'ma-dom://contoso.com' }),
        ];
        const ids: number[] = [];
        await store.transaction(async (w) => {
          for (const p of inputs) ids.push(await w.insertPrincipal(p));
        });
        assert.ok(ids.every((id, i) => id > (i === 0 ? 1 : ids[i - 1]!)), `ids increase after the system principal's: ${ids.join(', ')}`);
        const expected = inputs.map((p, i) => ({ ...p, id: ids[i]! }));
        assert.deepEqual(await all(store.principals()), [SYSTEM, ...expected]);
      });

      it('keeps an explicit id, continues after it, and stores GUIDs in lower case', async function () {
        const ids = await store.transaction(async (w) => [
          await w.insertPrincipal({ ...user(2, { guid: 'ABCDEF01-2345-4678-9ABC-DEF012345678' }), id: 500 }),
          await w.insertPrincipal(user(3)),
        ]);
        assert.deepEqual(ids, [500, 501]);
        const principals = await all(store.principals());
        assert.deepEqual(
          principals.map((p) => [p.id, p.guid]),
          [
            [1, SYSTEM.guid],
            [500, 'abcdef01-2345-4678-9abc-def012345678'],
            [501, guidOf(3)],
          ],
        );
      });

      it('round-trips ticks beyond 2^53 exactly, as bigint', async function () {
        const odd = [2n ** 53n + 1n, 635024016001234567n, MAX_TICKS];
        await store.transaction(async (w) => {
          for (const [i, ticks] of odd.entries()) await w.insertPrincipal(user(10 + i, { addedOn: ticks, updatedOn: ticks - 1n }));
        });
        const principals = (await all(store.principals())).slice(1);
        assert.deepEqual(
          principals.map((p) => [typeof p.addedOn, p.addedOn, typeof p.updatedOn, p.updatedOn]),
          odd.map((t) => ['bigint', t, 'bigint', t - 1n]),
        );
      });

      it('updates every field of a principal, to null and to empty strings too', async function () {
        const id = await store.transaction((w) => w.insertPrincipal(user(2)));
        const first = { ...user(40, { name: null, displayName: '', company: null, email: '', adPath: null, upn: '', disabled: 1 }), type: PrincipalType.AnyUser };
        await store.transaction((w) => w.updatePrincipal(id, first));
        assert.deepEqual((await all(store.principals()))[1], { ...first, id });
        const second = user(41, { displayName: 'Back ↩\r\nagain', addedOn: at(900), updatedOn: at(901) });
        await store.transaction((w) => w.updatePrincipal(id, second));
        assert.deepEqual(await all(store.principals()), [SYSTEM, { ...second, id }]);
      });
    });

    describe('affiliations', function () {
      /** The raw membership rows of one principal, self entry included, as "affiliation@index". */
      const rawRows = async (principalId: number): Promise<string[]> =>
        (await db.query('SELECT affiliationID, "index" AS i FROM tblPrincipalAffiliations WHERE principalID = ? ORDER BY "index"', principalId)).map(
          (r) => `${String(r.affiliationID)}@${String(r.i)}`,
        );

      it('creates the self-affiliation once, keeps existing memberships and is idempotent', async function () {
        const [u, g1, g2, g3] = await store.transaction(async (w) => [
          await w.insertPrincipal(user(2)),
          await w.insertPrincipal(group(3)),
          await w.insertPrincipal(group(4)),
          await w.insertPrincipal(group(5)),
        ]);
        await store.transaction((w) => w.mergeAffiliations(u!, [{ affiliationId: g1!, index: 1 }, { affiliationId: g2!, index: 2 }]));
        assert.deepEqual(await rawRows(u!), [`${u}@-1`, `${g1}@1`, `${g2}@2`]);

        // A partial package names only g3, at an index g1 already holds: g1 and g2 stay, g3 is added once.
        await store.transaction((w) => w.mergeAffiliations(u!, [{ affiliationId: g3!, index: 1 }]));
        const afterMerge = await rawRows(u!);
        assert.equal(afterMerge.filter((r) => r.endsWith('@-1')).length, 1, 'one self-affiliation');
        assert.deepEqual(afterMerge.map((r) => r.split('@')[0]).sort(), [u, g1, g2, g3].map(String).sort());
        const indexes = afterMerge.map((r) => r.split('@')[1]);
        assert.equal(new Set(indexes).size, indexes.length, `indexes are unique per principal: ${afterMerge.join(', ')}`);
        assert.deepEqual(afterMerge.slice(0, 3), [`${u}@-1`, `${g1}@1`, `${g2}@2`], 'existing memberships keep their index');

        // Merging the same memberships again changes nothing.
        await store.transaction(async (w) => {
          await w.mergeAffiliations(u!, [{ affiliationId: g1!, index: 1 }, { affiliationId: g2!, index: 2 }, { affiliationId: g3!, index: 1 }]);
          await w.mergeAffiliations(u!, []);
        });
        assert.deepEqual(await rawRows(u!), afterMerge);
      });

      it('gives a principal without memberships its self-affiliation, and the system principal none', async function () {
        const u = await store.transaction((w) => w.insertPrincipal(user(2)));
        const g = await store.transaction((w) => w.insertPrincipal(group(3)));
        await store.transaction(async (w) => {
          await w.mergeAffiliations(u, []);
          await w.mergeAffiliations(1, [{ affiliationId: g, index: 1 }]);
        });
        assert.deepEqual(await rawRows(u), [`${u}@-1`]);
        assert.deepEqual(await rawRows(1), [`${g}@1`]);
      });

      it('never stores a principal as a member of itself beyond the self entry', async function () {
        const g = await store.transaction((w) => w.insertPrincipal(group(3)));
        await store.transaction((w) => w.mergeAffiliations(g, [{ affiliationId: g, index: 4 }]));
        assert.deepEqual(await rawRows(g), [`${g}@-1`]);
      });

      it('lists memberships in principal order without the self entries', async function () {
        const ids = await store.transaction(async (w) => {
          const out: number[] = [];
          for (let n = 2; n <= 7; n++) out.push(await w.insertPrincipal(n <= 4 ? user(n) : group(n)));
          return out;
        });
        const [u1, u2, u3, g1, g2, g3] = ids as [number, number, number, number, number, number];
        // Written out of principal order, and over several transactions.
        await store.transaction((w) => w.mergeAffiliations(u3, [{ affiliationId: g2, index: 1 }, { affiliationId: g1, index: 2 }]));
        await store.transaction((w) => w.mergeAffiliations(u1, [{ affiliationId: g3, index: 1 }]));
        await store.transaction(async (w) => {
          await w.mergeAffiliations(g1, [{ affiliationId: g3, index: 1 }]);
          await w.mergeAffiliations(u2, []);
        });
        const expected: Affiliation[] = [
          { principalId: u1, affiliationId: g3, index: 1 },
          { principalId: u3, affiliationId: g2, index: 1 },
          { principalId: u3, affiliationId: g1, index: 2 },
          { principalId: g1, affiliationId: g3, index: 1 },
        ];
        assert.deepEqual(await all(store.affiliations()), expected);
      });
    });

    describe('nodes', function () {
      it('stores categories and rooms in a Persistent Chat database, without the legacy columns', async function () {
        const addinId = guidOf(0xadd);
        const cat = category(1, { invite: false, logged: true, filePost: true, name: 'Ventes & Marketing <EMEA>', description: '' });
        // Legacy values given to a Persistent Chat store have nowhere to go and must read back as null.
        const legacyInput = { topic: 'ignored', inheritance: true, scopeChange: false, overrideMember: true };
        const ids = await store.transaction(async (w) => {
          await w.putAddin({ id: addinId, name: 'Ticker', url: 'https://addins.contoso.com/ticker' });
          const catId = await w.insertNode(cat);
          const r1 = await w.insertNode(room(1, catId, { ...legacyInput, visibility: 'Secret', behavior: 'Auditorium', addinId, disabled: true }));
          const r2 = await w.insertNode(room(2, catId, { name: 'شات 💬 \u200Froom', description: 'Line one\nline two', invite: false, visibility: 'Closed' }));
          return [catId, r1, r2] as const;
        });
        const nodes = await all(store.nodes());
        assert.deepEqual(nodes.map((n) => n.id), [1, ...ids]);
        const noLegacy = { topic: null, inheritance: null, scopeChange: null, overrideMember: null };
        assert.deepEqual(nodes.slice(1), [
          stored(ids[0], cat),
          stored(ids[1], room(1, ids[0], { ...noLegacy, visibility: 'Secret', behavior: 'Auditorium', addinId, disabled: true })),
          stored(ids[2], room(2, ids[0], { name: 'شات 💬 \u200Froom', description: 'Line one\nline two', invite: false, visibility: 'Closed' })),
        ]);
      });

      it('stores Group Chat 2010 nodes in its documented columns and derives scopeDefinerId / roleDefinerId as the server keeps them', async function () {
        const legacy = await create('GroupChat2010');
        const cat = category(1, { topic: 'Category topic', inheritance: true, scopeChange: false, overrideMember: true, invite: null, logged: null, filePost: null });
        const ids = await legacy.store.transaction(async (w) => {
          const catId = await w.insertNode(cat);
          const subId = await w.insertNode(category(2, { parentId: catId, inheritance: false, scopeChange: true, overrideMember: false }));
          const r1 = await w.insertNode(room(1, subId, { topic: 'Release 🚀 today\r\n', overrideMember: false, logged: false, filePost: true, visibility: 'Secret' }));
          const r2 = await w.insertNode(room(2, catId, { topic: '', overrideMember: true, visibility: 'Closed', visibilityInherited: true }));
          await w.insertPrincipal({ ...user(40), id: 40 });
          await w.replaceScopes(subId, [{ principalId: 40, denied: false }]);
          return [catId, subId, r1, r2] as const;
        });
        const nodes = (await all(legacy.store.nodes())).slice(1);
        assert.deepEqual(
          nodes.map((n) => [n.id, n.scopeDefinerId, n.roleDefinerId, n.overrideMember, n.visibility, n.visibilityInherited ?? false]),
          [
            [ids[0], 1, ids[0], true, 'Closed', false],
            [ids[1], ids[1], ids[0], false, 'Closed', false],
            [ids[2], ids[1], ids[0], false, 'Secret', false],
            [ids[3], 1, ids[3], true, 'Closed', true],
          ],
        );
        assert.deepEqual([nodes[2]!.topic, nodes[2]!.logged, nodes[2]!.filePost, nodes[0]!.inheritance], ['Release 🚀 today\r\n', false, true, true]);
        // Documented columns only: no rtf, no scopeIsDenied, no prinDisplayName.
        await assert.rejects(legacy.query('SELECT rtf FROM tblChat'), /rtf/);
        await assert.rejects(legacy.query('SELECT scopeIsDenied FROM tblScopePrincipal'), /scopeIsDenied/);
        await assert.rejects(legacy.query('SELECT prinDisplayName FROM tblPrincipal'), /prinDisplayName/);
        assert.deepEqual(await legacy.query('SELECT visibility FROM tblNode WHERE nodeID = ?', ids[3]), [{ visibility: null }]);
      });

      it('refuses what Group Chat 2010 cannot hold: a denied scope entry, an rtf, an Open room', async function () {
        const legacy = await create('GroupChat2010');
        await assert.rejects(legacy.store.transaction((w) => w.replaceScopes(1, [{ principalId: 1, denied: true }])), /allow lists/);
        await assert.rejects(legacy.store.transaction(async (w) => void (await w.insertNode(room(1, 1, { visibility: 'Open' })))), /no Open rooms/);
      });

      it('keeps an explicit node id and updates every field of a node', async function () {
        const [a, b] = await store.transaction(async (w) => [await w.insertNode({ ...category(1), id: 300 }), await w.insertNode(category(2))]);
        assert.deepEqual([a, b], [300, 301]);
        const changed = room(9, b!, { name: 'Moved', description: 'Now a room', visibility: 'Secret', behavior: 'Auditorium', disabled: true, addedBy: 7, updatedBy: 8 });
        await store.transaction((w) => w.updateNode(a!, changed));
        const nodes = await all(store.nodes());
        assert.deepEqual(nodes.map((n) => n.id), [1, 300, 301]);
        assert.deepEqual(nodes[1], stored(300, changed));
      });

      it('round-trips node ticks beyond 2^53 exactly, as bigint', async function () {
        const ticks = [2n ** 53n + 1n, 635024016001234567n, MAX_TICKS];
        await store.transaction(async (w) => {
          for (const [i, t] of ticks.entries()) await w.insertNode(category(i + 1, { addedOn: t, updatedOn: t - 3n }));
        });
        const nodes = (await all(store.nodes())).slice(1);
        assert.deepEqual(
          nodes.map((n) => [typeof n.addedOn, n.addedOn, n.updatedOn]),
          ticks.map((t) => ['bigint', t, t - 3n]),
        );
      });

      it('disables and enables the nodes it is given, and only those', async function () {
        const ids = await store.transaction(async (w) => {
          const cat = await w.insertNode(category(1));
          return [cat, await w.insertNode(room(1, cat)), await w.insertNode(room(2, cat)), await w.insertNode(room(3, cat))];
        });
        const [cat, r1, r2, r3] = ids as [number, number, number, number];
        const disabled = async (): Promise<number[]> => (await all(store.nodes())).filter((n) => n.disabled).map((n) => n.id);
        await store.transaction((w) => w.setNodesDisabled([r1, r3], true));
        assert.deepEqual(await disabled(), [r1, r3]);
        await store.transaction((w) => w.setNodesDisabled([r1, cat], false));
        assert.deepEqual(await disabled(), [r3]);
        await store.transaction((w) => w.setNodesDisabled([r2, cat], true));
        assert.deepEqual(await disabled(), [cat, r2, r3]);
        await store.transaction((w) => w.setNodesDisabled([], false));
        assert.deepEqual(await disabled(), [cat, r2, r3]);
      });
    });

    describe('scopes, roles and add-ins', function () {
      let principals: number[];
      let nodes: number[];

      beforeEach(async function () {
        await store.transaction(async (w) => {
          principals = [await w.insertPrincipal(user(2)), await w.insertPrincipal(user(3)), await w.insertPrincipal(group(4))];
          const cat = await w.insertNode(category(1));
          nodes = [cat, await w.insertNode(room(1, cat)), await w.insertNode(room(2, cat))];
        });
      });

      it('finds nodes by name as the database compares names, without reading them all', async function () {
        const [, r1] = nodes as [number, number];
        const named = (await all(store.nodes())).find((n) => n.id === r1)!;
        assert.deepEqual(await store.nodesNamed(named.name), [named]);
        assert.deepEqual(await store.nodesNamed(`${named.name} (no such room)`), []);
        // SQLite compares exactly; SQL Server's default collation ignores case: either way a caller gets that node or none.
        assert.ok((await store.nodesNamed(named.name.toUpperCase())).every((n) => n.id === r1));
      });

      it('replaces the scope of one node and lists scopes in node order', async function () {
        const [p1, p2, g] = principals as [number, number, number];
        const [cat, r1, r2] = nodes as [number, number, number];
        await store.transaction(async (w) => {
          await w.replaceScopes(r2, [{ principalId: g, denied: false }]);
          await w.replaceScopes(cat, [{ principalId: p2, denied: true }, { principalId: g, denied: false }]);
          await w.replaceScopes(r1, [{ principalId: p1, denied: false }]);
        });
        assert.deepEqual(await all(store.scopes()), [
          { nodeId: cat, principalId: p2, denied: true },
          { nodeId: cat, principalId: g, denied: false },
          { nodeId: r1, principalId: p1, denied: false },
          { nodeId: r2, principalId: g, denied: false },
        ]);
        await store.transaction(async (w) => {
          await w.replaceScopes(cat, [{ principalId: p1, denied: true }]);
          await w.replaceScopes(r1, []);
        });
        assert.deepEqual(await all(store.scopes()), [
          { nodeId: cat, principalId: p1, denied: true },
          { nodeId: r2, principalId: g, denied: false },
        ]);
      });

      it('replaces the roles of one node, every role name included, and lists roles in node order', async function () {
        const [p1, p2, g] = principals as [number, number, number];
        const [cat, r1, r2] = nodes as [number, number, number];
        await store.transaction(async (w) => {
          await w.replaceRoles(r2, [{ principalId: p1, role: 'Voiced' }, { principalId: p1, role: 'Member' }]);
          await w.replaceRoles(r1, [{ principalId: g, role: 'Member' }, { principalId: p2, role: 'Manager' }]);
          await w.replaceRoles(cat, [{ principalId: p1, role: 'Creator' }]);
        });
        const roles = await all(store.roles());
        assert.deepEqual(roles.map((r) => r.nodeId), [cat, r1, r1, r2, r2]);
        // One node's roles alone, as a change to one room reads them.
        assert.deepEqual(await all(store.nodeRoles(r1)), roles.filter((r) => r.nodeId === r1));
        assert.deepEqual(await all(store.nodeRoles(cat)), roles.filter((r) => r.nodeId === cat));
        const key = (r: { nodeId: number; principalId: number; role: string }): string => `${r.nodeId}/${r.principalId}/${r.role}`;
        assert.deepEqual(roles.map(key).sort(), [
          `${cat}/${p1}/Creator`, `${r1}/${g}/Member`, `${r1}/${p2}/Manager`, `${r2}/${p1}/Member`, `${r2}/${p1}/Voiced`,
        ].sort());
        await store.transaction((w) => w.replaceRoles(r1, [{ principalId: p1, role: 'Voiced' }]));
        assert.deepEqual((await all(store.roles())).map(key).sort(), [`${cat}/${p1}/Creator`, `${r1}/${p1}/Voiced`, `${r2}/${p1}/Member`, `${r2}/${p1}/Voiced`].sort());
      });

      it('replaces an add-in by its id, whatever the case of the GUID', async function () {
        const a = guidOf(0xa1);
        const b = guidOf(0xb2);
        await store.transaction(async (w) => {
          await w.putAddin({ id: a, name: 'Old name', url: 'https://old.contoso.com/' });
          await w.putAddin({ id: b, name: 'Börse 📈', url: 'https://contoso.com/ticker?a=1&b=2' });
          await w.putAddin({ id: a.toUpperCase(), name: 'New name', url: 'https://new.contoso.com/' });
        });
        const addins = await all(store.addins());
        assert.deepEqual(
          [...addins].sort((x, y) => x.id.localeCompare(y.id)),
          [
            { id: a, name: 'New name', url: 'https://new.contoso.com/' },
            { id: b, name: 'Börse 📈', url: 'https://contoso.com/ticker?a=1&b=2' },
          ],
        );
      });
      it('removes an add-in by its id, whatever the case of the GUID, and only that one', async function () {
        const a = guidOf(0xa3);
        const b = guidOf(0xb4);
        await store.transaction(async (w) => {
          await w.putAddin({ id: a, name: 'One', url: 'https://one.contoso.com/' });
          await w.putAddin({ id: b, name: 'Two', url: 'https://two.contoso.com/' });
        });
        await store.transaction((w) => w.removeAddin(a.toUpperCase()));
        assert.deepEqual((await all(store.addins())).map((x) => x.name), ['Two']);
      });

      it('removes a node with everything that refers to it (scopes, roles, chats, last chat id, invitations, file tokens), and nothing else', async function () {
        const [u1, u2] = principals as [number, number];
        const [cat, r1, r2] = nodes as [number, number, number];
        const r1Guid = (await all(store.nodes())).find((n) => n.id === r1)!.guid;
        const r2Guid = (await all(store.nodes())).find((n) => n.id === r2)!.guid;
        await store.transaction(async (w) => {
          for (const node of [r1, r2]) {
            await w.replaceRoles(node, [{ principalId: u1, role: 'Member' }, { principalId: u2, role: 'Manager' }]);
            await w.appendChats(node, [chat(1, u1, `first in ${node}`), chat(2, u2, `second in ${node}`)]);
          }
          await w.replaceScopes(cat, [{ principalId: u1, denied: false }]);
        });
        for (const [node, guid] of [[r1, r1Guid], [r2, r2Guid]] as const) {
          await db.execute('INSERT INTO tblPrincipalInvites (prinID, invID, nodeID, createdOn) VALUES (?, ?, ?, ?)', u1, node, node, '2020-01-01 00:00:00');
          await db.execute('INSERT INTO tblFileToken (fileToken, fileTokenUserID, fileTokenChannelID, fileTokenExpireDate, fileTokenCompliancePinned) VALUES (?, ?, ?, ?, 0)', `token-${node}`, u1, guid, '2030-01-01 00:00:00');
        }
        // A chat written in the same transaction as the removal goes too (a dialect that buffers chats must not
        // write it after the delete).
        await store.transaction(async (w) => {
          await w.appendChats(r1, [chat(3, u1, 'written just before the removal')]);
          await w.removeNode(r1);
        });
        assert.deepEqual((await all(store.nodes())).map((n) => n.id).filter((id) => id !== 1), [cat, r2]);
        assert.deepEqual((await all(store.roles())).map((r) => r.nodeId), [r2, r2]);
        assert.deepEqual((await all(store.scopes())).map((s) => s.nodeId), [cat]);
        assert.deepEqual([...(await store.chatCounts()).entries()], [[r2, 2]]);
        const count = async (sql: string): Promise<number> => Number(Object.values((await db.query(sql))[0]!)[0]);
        assert.equal(await count(`SELECT COUNT(*) AS n FROM tblChat WHERE channelId = ${r1}`), 0);
        assert.equal(await count(`SELECT COUNT(*) AS n FROM tblLastChatId WHERE nodeID = ${r1}`), 0);
        assert.equal(await count(`SELECT COUNT(*) AS n FROM tblLastChatId WHERE nodeID = ${r2}`), 1);
        assert.equal(await count(`SELECT COUNT(*) AS n FROM tblPrincipalInvites WHERE nodeID = ${r1}`), 0);
        assert.equal(await count(`SELECT COUNT(*) AS n FROM tblPrincipalInvites WHERE nodeID = ${r2}`), 1);
        assert.equal(await count("SELECT COUNT(*) AS n FROM tblFileToken WHERE fileToken = 'token-" + r1 + "'"), 0);
        assert.equal(await count("SELECT COUNT(*) AS n FROM tblFileToken WHERE fileToken = 'token-" + r2 + "'"), 1);
        // An empty category goes the same way.
        await store.transaction(async (w) => {
          await w.removeNode(r2);
          await w.removeNode(cat);
        });
        assert.deepEqual((await all(store.nodes())).map((n) => n.id), [1]);
        assert.deepEqual(await all(store.scopes()), []);
      });
    });

    describe('chats', function () {
      let poster: number;
      let rooms: number[];

      beforeEach(async function () {
        await store.transaction(async (w) => {
          poster = await w.insertPrincipal(user(2));
          const cat = await w.insertNode(category(1));
          rooms = [await w.insertNode(room(1, cat)), await w.insertNode(room(2, cat)), await w.insertNode(room(3, cat))];
        });
      });

      it('assigns consecutive chat ids per room after tblLastChatId and keeps roomChatState current', async function () {
        const [r1, r2] = rooms as [number, number];
        // The room once held chats up to 41 that are gone now: new ids must not reuse them.
        await db.execute('INSERT INTO tblLastChatId (nodeID, lastChatID) VALUES (?, ?)', r1, 41);
        assert.deepEqual(await store.roomChatState(r1), { count: 0, lastChatId: 41n, maxDate: null });

        const first = [chat(3, poster, 'a'), chat(1, poster, 'b'), chat(2, poster, 'c')];
        await store.transaction(async (w) => {
          await w.appendChats(r1, first);
          await w.appendChats(r2, [chat(5, poster, 'x'), chat(6, poster, 'y')]);
        });
        const later = [chat(9, poster, 'd'), chat(8, poster, 'e')];
        await store.transaction((w) => w.appendChats(r1, later));

        assert.deepEqual(await all(store.chats(r1)), [...first, ...later].map((c, i) => asChat(r1, 42n + BigInt(i), c)));
        assert.deepEqual(await all(store.chats(r2)), [asChat(r2, 1n, chat(5, poster, 'x')), asChat(r2, 2n, chat(6, poster, 'y'))]);
        assert.deepEqual(await store.roomChatState(r1), { count: 5, lastChatId: 46n, maxDate: at(9) });
        assert.deepEqual(await store.roomChatState(r2), { count: 2, lastChatId: 2n, maxDate: at(6) });
        assert.deepEqual(await db.query('SELECT nodeID, lastChatID FROM tblLastChatId ORDER BY nodeID'), [
          { nodeID: r1, lastChatID: 46 },
          { nodeID: r2, lastChatID: 2 },
        ]);
      });

      it('assigns consecutive ids when appendChats is called once per message in one transaction', async function () {
        const [r1, r2] = rooms as [number, number];
        await db.execute('INSERT INTO tblLastChatId (nodeID, lastChatID) VALUES (?, ?)', r2, 7);
        const inputs = Array.from({ length: 6 }, (_, i) => chat(i, poster, `one by one ${i}`));
        await store.transaction(async (w) => {
          // Interleaved rooms, one message per call, as an import streaming a message part does.
          for (const [i, c] of inputs.entries()) await w.appendChats(i % 2 === 0 ? r1 : r2, [c]);
          await w.appendChats(r1, [chat(9, poster, 'explicit', { chatId: 100n })]);
          await w.appendChats(r1, [chat(10, poster, 'after explicit')]);
        });
        assert.deepEqual(
          (await all(store.chats(r1))).map((c) => [c.chatId, c.content]),
          [
            [1n, 'one by one 0'],
            [2n, 'one by one 2'],
            [3n, 'one by one 4'],
            [100n, 'explicit'],
            [101n, 'after explicit'],
          ],
        );
        assert.deepEqual(
          (await all(store.chats(r2))).map((c) => [c.chatId, c.content]),
          [
            [8n, 'one by one 1'],
            [9n, 'one by one 3'],
            [10n, 'one by one 5'],
          ],
        );
        assert.deepEqual(await db.query('SELECT nodeID, lastChatID FROM tblLastChatId ORDER BY nodeID'), [
          { nodeID: r1, lastChatID: 101 },
          { nodeID: r2, lastChatID: 10 },
        ]);
        // The next transaction continues from there.
        await store.transaction((w) => w.appendChats(r2, [chat(11, poster, 'next day')]));
        assert.deepEqual(await store.roomChatState(r2), { count: 4, lastChatId: 11n, maxDate: at(11) });
      });

      it('keeps explicit chat ids and continues after the highest one', async function () {
        const [r1] = rooms as [number];
        const inputs = [chat(1, poster, 'ten', { chatId: 10n }), chat(2, poster, 'seven', { chatId: 7n }), chat(3, poster, 'next')];
        await store.transaction((w) => w.appendChats(r1, inputs));
        assert.deepEqual(
          (await all(store.chats(r1))).map((c) => [c.chatId, c.content]),
          [
            [7n, 'seven'],
            [10n, 'ten'],
            [11n, 'next'],
          ],
        );
        assert.deepEqual(await store.roomChatState(r1), { count: 3, lastChatId: 11n, maxDate: at(3) });
        // A chat id beyond 2^53 stays exact.
        await store.transaction((w) => w.appendChats(r1, [chat(4, poster, 'big', { chatId: 2n ** 60n + 1n }), chat(5, poster, 'after')]));
        assert.deepEqual(
          (await all(store.chats(r1))).slice(3).map((c) => c.chatId),
          [2n ** 60n + 1n, 2n ** 60n + 2n],
        );
      });

      it('stores chat text, alerts, RTF and dates exactly', async function () {
        const [r1] = rooms as [number];
        const inputs: ChatInput[] = [
          chat(1, poster, 'CRLF\r\nlone CR\rLF\n\ttab  ', { rtf: '{\\rtf1\\ansi Hello}' }),
          chat(2, poster, 'NUL \u0000 and \u0001 \uFFFE \uFFFF \u007F\u0085\u2028', { isAlert: true, rtf: '' }),
          chat(3, poster, '🎉 مرحبا \u200F\u202Eevil\u202C ]]> </Content> &amp;', { date: 635024016001234567n }),
          chat(4, poster, '', { date: MAX_TICKS }),
          chat(5, poster, ' ', { date: 0n }),
        ];
        await store.transaction((w) => w.appendChats(r1, inputs));
        assert.deepEqual(await all(store.chats(r1)), inputs.map((c, i) => asChat(r1, BigInt(i + 1), c)));
      });

      it('stores chat text that is not well-formed UTF-16 (lone surrogates) unchanged', async function () {
        // SQL Server's NVARCHAR holds any UTF-16 code units, and the package carries them (base64): the store must too.
        const [r1] = rooms as [number];
        const inputs = [chat(1, poster, 'high \uD800 alone'), chat(2, poster, 'low \uDC00 alone'), chat(3, poster, 'reversed \uDC00\uD800 pair')];
        await store.transaction((w) => w.appendChats(r1, inputs));
        assert.deepEqual((await all(store.chats(r1))).map((c) => c.content), inputs.map((c) => c.content));
        assert.equal(await store.countMatchingChats(r1, at(1), poster, 'high \uD800 alone'), 1);
      });

      it('reads one room from a date on, in chat id order', async function () {
        const [r1, r2] = rooms as [number, number];
        // Dates out of chat id order, as after an import of older history.
        const seconds = [50, 10, 30, 30, 20, 60, 5, 40];
        const inputs = seconds.map((s, i) => chat(s, poster, `m${i}`));
        await store.transaction(async (w) => {
          await w.appendChats(r1, inputs);
          await w.appendChats(r2, [chat(45, poster, 'other room')]);
        });
        const expected = (since: number): string[] => inputs.filter((c) => c.date >= at(since)).map((c) => c.content);
        for (const since of [0, 5, 30, 31, 60, 61]) {
          const chats = await all(store.chats(r1, at(since)));
          assert.deepEqual(chats.map((c) => c.content), expected(since), `since ${since}s`);
          const ids = chats.map((c) => c.chatId);
          assert.deepEqual(ids, [...ids].sort((a, b) => (a < b ? -1 : 1)), `chat id order since ${since}s`);
        }
        assert.deepEqual((await all(store.chats(r1))).map((c) => c.content), inputs.map((c) => c.content));
        assert.deepEqual(await all(store.chats(rooms[2]!)), []);
      });

      it('counts chats per room, with and without a start date', async function () {
        const [r1, r2, r3] = rooms as [number, number, number];
        await store.transaction(async (w) => {
          await w.appendChats(r1, [chat(10, poster, 'a'), chat(20, poster, 'b'), chat(30, poster, 'c')]);
          await w.appendChats(r2, [chat(1, poster, 'a'), chat(2, poster, 'b'), chat(3, poster, 'c'), chat(40, poster, 'd'), chat(50, poster, 'e')]);
        });
        assert.deepEqual(await store.chatCounts(), new Map([[r1, 3], [r2, 5]]));
        assert.deepEqual(await store.chatCounts(at(20)), new Map([[r1, 2], [r2, 2]]));
        assert.deepEqual(await store.chatCounts(at(31)), new Map([[r2, 2]]));
        assert.deepEqual(await store.chatCounts(at(51)), new Map());
        assert.ok(!(await store.chatCounts()).has(r3));
      });

      it('counts chats matching the natural key: room, date, poster and exact content', async function () {
        const [r1, r2] = rooms as [number, number];
        const other = await store.transaction((w) => w.insertPrincipal(user(3)));
        await store.transaction(async (w) => {
          await w.appendChats(r1, [chat(10, poster, 'Hello'), chat(10, poster, 'Hello'), chat(10, poster, 'hello'), chat(10, poster, 'Hello '), chat(11, poster, 'Hi\r\n')]);
          await w.appendChats(r2, [chat(10, poster, 'Hello')]);
        });
        assert.equal(await store.countMatchingChats(r1, at(10), poster, 'Hello'), 2);
        assert.equal(await store.countMatchingChats(r1, at(10), poster, 'hello'), 1);
        assert.equal(await store.countMatchingChats(r1, at(10), poster, 'Hello '), 1);
        assert.equal(await store.countMatchingChats(r1, at(10), poster, 'HELLO'), 0);
        assert.equal(await store.countMatchingChats(r1, at(11), poster, 'Hi\r\n'), 1);
        assert.equal(await store.countMatchingChats(r1, at(11), poster, 'Hi\n'), 0);
        assert.equal(await store.countMatchingChats(r1, at(10) + 1n, poster, 'Hello'), 0);
        assert.equal(await store.countMatchingChats(r1, at(10), other, 'Hello'), 0);
        assert.equal(await store.countMatchingChats(r2, at(10), poster, 'Hello'), 1);
        assert.equal(await store.countMatchingChats(rooms[2]!, at(10), poster, 'Hello'), 0);
      });

      it('reads 12,345 chats of one room across pages, in chat id order, none missing or twice', async function () {
        const COUNT = 12345;
        const [r1, r2] = rooms as [number, number];
        const inputs: ChatInput[] = [];
        for (let i = 0; i < COUNT; i++) inputs.push(chat(i % 3600, poster, `message ${i} ✓`, { isAlert: i % 97 === 0 }));
        await store.transaction(async (w) => {
          await w.appendChats(r1, inputs);
          await w.appendChats(r2, [chat(1, poster, 'elsewhere')]);
        });
        const read = await collect(store.chats(r1));
        assert.ok(read.batches > 2, `chats came in ${read.batches} batch(es)`);
        assert.equal(read.rows.length, COUNT);
        assert.deepEqual(read.rows, inputs.map((c, i) => asChat(r1, BigInt(i + 1), c)));

        const since = at(1800);
        const fromHalf = await collect(store.chats(r1, since));
        const expected = inputs.map((c, i) => asChat(r1, BigInt(i + 1), c)).filter((c) => c.date >= since);
        assert.ok(expected.length > 5000 && fromHalf.batches > 1);
        assert.deepEqual(fromHalf.rows, expected);
        assert.deepEqual(await store.chatCounts(), new Map([[r1, COUNT], [r2, 1]]));
      });

      /** The room's row of tblLastChatId, as plain SQL reads it. */
      const lastChatIdRow = async (roomId: number): Promise<unknown[]> => (await db.query('SELECT lastChatID FROM tblLastChatId WHERE nodeID = ?', roomId)).map((r) => r.lastChatID);

      it('counts and deletes a room\'s chats posted through a tick, inclusive, and keeps its last chat id', async function () {
        const [r1, r2] = rooms as [number, number];
        const seconds = [40, 10, 20, 20, 30];
        await store.transaction(async (w) => {
          await w.appendChats(r1, seconds.map((sec, i) => chat(sec, poster, `m${i}`)));
          await w.appendChats(r2, [chat(10, poster, 'other room')]);
        });
        assert.equal(await store.countChatsThrough(r1, at(20)), 3);
        assert.equal(await store.countChatsThrough(r1, at(20) - 1n), 1);
        assert.equal(await store.countChatsThrough(r1, at(0)), 0);
        assert.equal(await store.countChatsThrough(rooms[2]!, MAX_TICKS), 0);

        assert.equal(await store.transaction((w) => w.deleteChatsThrough(r1, at(20))), 3);
        assert.deepEqual((await all(store.chats(r1))).map((c) => c.content), ['m0', 'm4'], 'a chat exactly at the tick went, later ones stayed');
        assert.deepEqual((await all(store.chats(r2))).map((c) => c.content), ['other room']);
        // With its tblLastChatId row gone (a database Microsoft's tools left so), deleting the newest chat still keeps its id.
        await db.execute('DELETE FROM tblLastChatId WHERE nodeID = ?', r1);
        assert.equal(await store.transaction((w) => w.deleteChatsThrough(r1, MAX_TICKS)), 2);
        assert.deepEqual(await all(store.chats(r1)), []);
        assert.deepEqual(await lastChatIdRow(r1), [5]);
        assert.equal(await store.transaction((w) => w.deleteChatsThrough(r1, MAX_TICKS)), 0, 'an empty room: nothing to delete');
        await store.transaction((w) => w.appendChats(r1, [chat(50, poster, 'after the clear')]));
        assert.deepEqual((await all(store.chats(r1))).map((c) => c.chatId), [6n], 'no chat id is given out twice');
        assert.deepEqual(await lastChatIdRow(rooms[2]!), [], 'a room without chats gets no row');
      });

      it('removes and replaces chats by id, more than one statement\'s worth, only in their room, and never reuses an id', async function () {
        const [r1, r2] = rooms as [number, number];
        const COUNT = 2500;
        await store.transaction(async (w) => {
          await w.appendChats(r1, Array.from({ length: COUNT }, (_, i) => chat(i % 600, poster, `message ${i + 1}`, { rtf: `{\\rtf1 message ${i + 1}}` })));
          await w.appendChats(r2, [chat(1, poster, 'r2 one'), chat(2, poster, 'r2 two')]);
        });
        const odd = Array.from({ length: COUNT / 2 }, (_, i) => BigInt(2 * i + 1));
        const replaced = Array.from({ length: 1200 }, (_, i) => BigInt(2 * i + 2));
        await store.transaction(async (w) => {
          await w.removeChats(r1, [...odd, 99999n]);
          await w.replaceChats(r1, replaced, 'gone \uD800 ✓');
          await w.removeChats(r1, []);
          await w.replaceChats(r1, [], 'nothing');
        });
        const left = await all(store.chats(r1));
        assert.equal(left.length, COUNT / 2);
        assert.ok(left.every((c) => c.chatId % 2n === 0n));
        for (const c of left) {
          if (c.chatId <= 2400n) assert.deepEqual([c.content, c.rtf], ['gone \uD800 ✓', null], `chat ${c.chatId}`);
          else assert.deepEqual([c.content, c.rtf], [`message ${c.chatId}`, `{\\rtf1 message ${c.chatId}}`], `chat ${c.chatId}`);
        }
        assert.deepEqual((await all(store.chats(r2))).map((c) => [c.chatId, c.content]), [[1n, 'r2 one'], [2n, 'r2 two']], 'the same ids in another room stay');
        // The newest chat removed: the next one still comes after it.
        await store.transaction((w) => w.removeChats(r1, [BigInt(COUNT)]));
        await store.transaction((w) => w.appendChats(r1, [chat(700, poster, 'next')]));
        assert.equal((await all(store.chats(r1))).at(-1)!.chatId, BigInt(COUNT + 1));
        assert.deepEqual(await lastChatIdRow(r1), [COUNT + 1]);
      });

      it('writes between the pages of a read of the same room in one transaction, none missed or seen twice', async function () {
        const [r1] = rooms as [number];
        const COUNT = 12001;
        await store.transaction((w) => w.appendChats(r1, Array.from({ length: COUNT }, (_, i) => chat(i % 3600, poster, `m${i + 1}`))));
        const seen: bigint[] = [];
        await store.transaction(async (w) => {
          for await (const batch of store.chats(r1)) {
            seen.push(...batch.map((c) => c.chatId));
            await w.removeChats(r1, batch.filter((c) => c.chatId % 3n === 0n).map((c) => c.chatId));
            await w.replaceChats(r1, batch.filter((c) => c.chatId % 3n === 1n).map((c) => c.chatId), 'replaced');
          }
        });
        assert.deepEqual(seen, Array.from({ length: COUNT }, (_, i) => BigInt(i + 1)));
        const left = await all(store.chats(r1));
        assert.equal(left.length, COUNT - Math.floor(COUNT / 3));
        assert.ok(left.every((c) => (c.chatId % 3n === 1n ? c.content === 'replaced' : c.content === `m${c.chatId}`)));
      });
    });

    describe('reading more than one page', function () {
      it('reads 6,000 principals, their memberships and a 6,000-entry scope, in order, none missing or twice', async function () {
        const PRINCIPALS = 6000;
        const ids: number[] = [];
        await store.transaction(async (w) => {
          for (let n = 2; n < PRINCIPALS + 2; n++) ids.push(await w.insertPrincipal(n % 10 === 0 ? group(n) : user(n)));
        });
        const groups = ids.filter((_, i) => (i + 2) % 10 === 0);
        const cat = await store.transaction(async (w) => {
          // Each principal joins two groups (not itself): with the self entries, over 17,000 rows.
          for (const [i, id] of ids.entries()) {
            const a = groups[i % groups.length]!;
            const b = groups[(i + 7) % groups.length]!;
            await w.mergeAffiliations(id, [a, b].filter((g) => g !== id).map((g, k) => ({ affiliationId: g, index: k + 1 })));
          }
          const node = await w.insertNode(category(1));
          await w.replaceScopes(node, ids.map((id, i) => ({ principalId: id, denied: i % 3 === 0 })));
          return node;
        });

        const principals = await collect(store.principals());
        assert.ok(principals.batches > 1, `principals came in ${principals.batches} batch(es)`);
        assert.deepEqual(principals.rows.map((p) => p.id), [1, ...ids]);
        assert.deepEqual(principals.rows.map((p) => p.guid), [SYSTEM.guid, ...ids.map((_, i) => guidOf(i + 2))]);

        const affiliations = await collect(store.affiliations());
        const expected: Affiliation[] = [];
        for (const [i, id] of ids.entries()) {
          const a = groups[i % groups.length]!;
          const b = groups[(i + 7) % groups.length]!;
          [a, b].filter((g) => g !== id).forEach((g, k) => expected.push({ principalId: id, affiliationId: g, index: k + 1 }));
        }
        assert.ok(expected.length > 11000);
        assert.equal(affiliations.rows.length, expected.length);
        assert.deepEqual(affiliations.rows, expected);

        const scopes = await all(store.scopes());
        assert.deepEqual(scopes, ids.map((id, i) => ({ nodeId: cat, principalId: id, denied: i % 3 === 0 })));
      });
    });

    describe('transactions', function () {
      it('commits what fn wrote and returns its result', async function () {
        const result = await store.transaction(async (w) => {
          const id = await w.insertPrincipal(user(2));
          return { id, note: 'done' };
        });
        assert.equal(result.note, 'done');
        const again = await db.reopen();
        assert.deepEqual((await all(again.principals())).map((p) => [p.id, p.guid]), [
          [1, SYSTEM.guid],
          [result.id, guidOf(2)],
        ]);
      });

      it('rolls back everything when fn throws, and stays usable', async function () {
        const boom = new Error('boom');
        const existing = await store.transaction(async (w) => {
          const cat = await w.insertNode(category(1));
          return { cat, room: await w.insertNode(room(1, cat)) };
        });
        const before = {
          principals: await all(store.principals()),
          nodes: await all(store.nodes()),
        };
        await assert.rejects(
          store.transaction(async (w) => {
            const u = await w.insertPrincipal(user(2));
            const g = await w.insertPrincipal(group(3));
            await w.mergeAffiliations(u, [{ affiliationId: g, index: 1 }]);
            await w.updatePrincipal(1, user(4));
            await w.putAddin({ id: guidOf(0xadd), name: 'A', url: 'https://a' });
            await w.insertNode(room(2, existing.cat));
            await w.updateNode(existing.room, room(3, existing.cat));
            await w.replaceScopes(existing.cat, [{ principalId: u, denied: false }]);
            await w.replaceRoles(existing.room, [{ principalId: u, role: 'Manager' }]);
            await w.appendChats(existing.room, [chat(1, u, 'gone')]);
            await w.setNodesDisabled([existing.room], true);
            throw boom;
          }),
          (error) => error === boom,
        );
        assert.deepEqual(await all(store.principals()), before.principals);
        assert.deepEqual(await all(store.nodes()), before.nodes);
        assert.deepEqual(await all(store.affiliations()), []);
        assert.deepEqual(await all(store.addins()), []);
        assert.deepEqual(await all(store.scopes()), []);
        assert.deepEqual(await all(store.roles()), []);
        assert.deepEqual(await store.roomChatState(existing.room), { count: 0, lastChatId: 0n, maxDate: null });
        assert.deepEqual(await db.query('SELECT COUNT(*) AS n FROM tblPrincipalAffiliations'), [{ n: 0 }]);

        const id = await store.transaction((w) => w.insertPrincipal(user(5)));
        assert.deepEqual((await all(store.principals())).map((p) => [p.id, p.guid]), [
          [1, SYSTEM.guid],
          [id, guidOf(5)],
        ]);
      });

      it('refuses transaction() on a store opened read-only, and still reads', async function () {
        await store.transaction((w) => w.insertPrincipal(user(2)));
        const readOnly = await db.reopen({ readOnly: true });
        let called = false;
        await assert.rejects(
          readOnly.transaction(async (w) => {
            called = true;
            return w.insertPrincipal(user(3));
          }),
          (error) => error instanceof PcmError && error.errorId === 'ReadOnlyDatabase' && /read-only/.test(error.message),
        );
        assert.equal(called, false, 'fn must not run');
        assert.deepEqual((await all(readOnly.principals())).map((p) => p.id), [1, 2]);
      });
    });
  });
}

describe('sqlite: opening a database file', function () {
  const isOpenError = (path: string, problem: RegExp) => (error: unknown) => {
    assert.ok(error instanceof PcmError, `expected a PcmError, got ${String(error)}`);
    assert.equal(error.errorId, 'DatabaseOpenFailed');
    assert.ok(error.message.includes(path), `the message names the file: ${error.message}`);
    assert.match(error.message, problem);
    return true;
  };

  it('refuses a missing file without createWith, and creates nothing', async function () {
    const dir = tempDir();
    const path = join(dir, 'missing.db');
    await assert.rejects(openStore(`sqlite:${path}`), isOpenError(path, /does not exist/));
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses a folder, with or without createWith', async function () {
    const path = join(tempDir(), 'folder.db');
    mkdirSync(path);
    await assert.rejects(openStore(`sqlite:${path}`), isOpenError(path, /folder/));
    await assert.rejects(openStore(`sqlite:${path}`, { createWith: 'PersistentChat2013' }), isOpenError(path, /folder/));
  });

  it('refuses a file that is not SQLite and leaves it as it was, even with createWith', async function () {
    const path = join(tempDir(), 'notes.db');
    const text = 'These are my notes, not a database.\n'.repeat(200);
    writeFileSync(path, text);
    await assert.rejects(openStore(`sqlite:${path}`), isOpenError(path, /not a SQLite database/));
    await assert.rejects(openStore(`sqlite:${path}`, { createWith: 'PersistentChat2013' }), isOpenError(path, /not a SQLite database/));
    assert.equal(readFileSync(path, 'utf8'), text);
  });

  it('refuses an SQLite database without the mgc tables and adds none, even with createWith', async function () {
    const path = join(tempDir(), 'other.sqlite');
    const other = new Database(path);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    await assert.rejects(openStore(path), isOpenError(path, /not a Persistent Chat or Group Chat database.*tblNode/));
    await assert.rejects(openStore(path, { createWith: 'GroupChat2010' }), isOpenError(path, /not a Persistent Chat or Group Chat database/));
    const check = new Database(path, { readonly: true });
    const tables = (check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    check.close();
    assert.deepEqual(tables, ['customers']);
  });

  it('refuses an empty file without createWith, and fills it with createWith', async function () {
    const path = join(tempDir(), 'empty.db');
    writeFileSync(path, '');
    await assert.rejects(openStore(`sqlite:${path}`), isOpenError(path, /empty/));
    const store = await openStore(`sqlite:${path}`, { createWith: 'GroupChat2010' });
    try {
      assert.equal(store.schema, 'GroupChat2010');
      assert.equal(store.displayName, `sqlite:${path}`);
    } finally {
      await store.close();
    }
  });

  it('refuses a path in a folder that does not exist, and creates neither', async function () {
    const dir = tempDir();
    const path = join(dir, 'no-such-folder', 'x.db');
    await assert.rejects(openStore(`sqlite:${path}`, { createWith: 'PersistentChat2013' }), isOpenError(path, /./));
    assert.deepEqual(readdirSync(dir), []);
  });

  // SQLite cannot create its rollback journal where a folder of that name stands, so creating the schema fails after
  // the database file itself was created.
  const failedCreate = (): { dir: string; path: string } => {
    const dir = tempDir();
    mkdirSync(join(dir, 'x.db-journal'));
    return { dir, path: join(dir, 'x.db') };
  };

  it('removes the file it created when creating the schema fails', async function () {
    const { dir, path } = failedCreate();
    await assert.rejects(openStore(`sqlite:${path}`, { createWith: 'PersistentChat2013' }));
    assert.deepEqual(readdirSync(dir), ['x.db-journal']);
  });

  it('reports a failure while creating the schema as a PcmError naming the file', async function () {
    const { path } = failedCreate();
    await assert.rejects(openStore(`sqlite:${path}`, { createWith: 'PersistentChat2013' }), isOpenError(path, /./));
  });

  it('opens a plain path ending in .sqlite3 and names it sqlite:<path>', async function () {
    const path = join(tempDir(), 'mgc.sqlite3');
    const created = await openStore(path, { createWith: 'PersistentChat2013' });
    await created.close();
    const store = await openStore(path);
    try {
      assert.equal(store.schema, 'PersistentChat2013');
      assert.equal(store.displayName, `sqlite:${path}`);
    } finally {
      await store.close();
    }
  });
});
