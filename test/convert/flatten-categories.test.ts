/**
 * planCategories and rootCategoryFor: Group Chat 2010's category tree becomes Persistent Chat's one level of
 * categories (domain.md §4.4, §4.6, §5.7). Each test pins the converted values and the notice the rule reports.
 */
import assert from 'node:assert/strict';
import { NAME_SEPARATOR, planCategories, rootCategoryFor } from '../../core/convert/flatten-categories.js';
import { NoticeList } from '../../core/convert/notices.js';
import { LIMITS } from '../../core/model.js';
import { allow, category, deny, grant, keys, migrate, nameOf, root, room } from './support/fixtures.js';

describe('planCategories', function () {
  describe('flattening', function () {
    const tree = [
      root(),
      category({ id: 10, name: 'Engineering' }),
      category({ id: 11, parentId: 10, name: 'Backend' }),
      category({ id: 12, parentId: 11, name: 'Databases' }),
    ];

    it('joins a three-level path with NAME_SEPARATOR and reports each subcategory as FlattenedCategory', function () {
      const m = migrate(tree);
      assert.equal(NAME_SEPARATOR, ' - ');
      assert.equal(m.category('Backend').name, 'Engineering - Backend');
      assert.equal(m.category('Databases').name, 'Engineering - Backend - Databases');
      assert.deepEqual(m.category('Databases').path, ['Engineering', 'Backend', 'Databases']);
      assert.deepEqual(keys(m.notices), [
        { rule: 'FlattenedCategory', severity: 'Info', objectKind: 'Category', objectName: 'Engineering - Backend' },
        { rule: 'FlattenedCategory', severity: 'Info', objectKind: 'Category', objectName: 'Engineering - Backend - Databases' },
      ]);
    });

    it('keeps the name of a top category and reports nothing for it', function () {
      const m = migrate(tree);
      assert.equal(m.category('Engineering').name, 'Engineering');
      assert.deepEqual(m.category('Engineering').path, ['Engineering']);
      assert.equal(m.notices.notices.filter((n) => n.objectName === 'Engineering').length, 0);
    });

    it('does not turn the root into a category', function () {
      const m = migrate(tree);
      assert.deepEqual([...m.plan.categories.keys()].sort(), [10, 11, 12]);
      assert.equal(m.plan.root?.node.name, 'Root');
    });
  });

  describe('the 256-character limit on a flattened category name', function () {
    const limit = LIMITS.nodeName;
    const prefix = `A${NAME_SEPARATOR}`;

    it('is 256', function () {
      assert.equal(limit, 256);
    });

    it('accepts a flattened name of exactly 256 characters', function () {
      const leaf = nameOf(limit - prefix.length);
      const m = migrate([root(), category({ id: 10, name: 'A' }), category({ id: 11, parentId: 10, name: leaf })]);
      assert.equal(m.category(leaf).name.length, 256);
      assert.deepEqual(keys(m.notices, 'NameTooLong'), []);
      assert.deepEqual(m.notices.errors, []);
    });

    it('reports a flattened name of 257 characters as a NameTooLong error naming the category', function () {
      const leaf = nameOf(limit - prefix.length + 1);
      const m = migrate([root(), category({ id: 10, name: 'A' }), category({ id: 11, parentId: 10, name: leaf })]);
      assert.equal(m.category(leaf).name, `${prefix}${leaf}`);
      assert.equal(m.category(leaf).name.length, 257);
      assert.deepEqual(keys(m.notices, 'NameTooLong'), [{ rule: 'NameTooLong', severity: 'Error', objectKind: 'Category', objectName: `${prefix}${leaf}` }]);
      assert.match(m.notices.errors[0]!.message, /257/);
    });
  });

  describe('inherited settings (invite / logged / filePost, null = inherited)', function () {
    it('takes each null setting from the nearest ancestor that has a value', function () {
      const m = migrate([
        root({ invite: false, logged: true, filePost: false }),
        category({ id: 10, name: 'A', invite: true, logged: false, filePost: true }),
        category({ id: 11, parentId: 10, name: 'B' }),
        category({ id: 12, parentId: 11, name: 'C', invite: false }),
      ]);
      const b = m.category('B');
      assert.deepEqual([b.invitations, b.chatHistory, b.fileUpload], [true, false, true]);
      const c = m.category('C');
      assert.deepEqual([c.invitations, c.chatHistory, c.fileUpload], [false, false, true]);
      assert.deepEqual(keys(m.notices, 'InheritedSettings'), []);
    });

    it('takes them from the root when no category above has a value', function () {
      const m = migrate([root({ invite: true, logged: false, filePost: true }), category({ id: 10, name: 'A' }), category({ id: 11, parentId: 10, name: 'B' })]);
      for (const name of ['A', 'B']) {
        const c = m.category(name);
        assert.deepEqual([c.invitations, c.chatHistory, c.fileUpload], [true, false, true], name);
      }
      assert.deepEqual(keys(m.notices, 'InheritedSettings'), []);
    });

    it('falls back to the Persistent Chat defaults (Invitations false, ChatHistory true, FileUpload false) when the root has none', function () {
      const m = migrate([root(), category({ id: 10, name: 'A' })]);
      const a = m.category('A');
      assert.deepEqual({ invitations: a.invitations, chatHistory: a.chatHistory, fileUpload: a.fileUpload }, { invitations: false, chatHistory: true, fileUpload: false });
      assert.deepEqual(keys(m.notices), []);
    });

    it('falls back to the same defaults when the package has no root at all', function () {
      const notices = new NoticeList();
      const plan = planCategories([category({ id: 10, name: 'A' })], notices);
      const a = plan.categories.get(10)!;
      assert.deepEqual([a.invitations, a.chatHistory, a.fileUpload], [false, true, false]);
      assert.deepEqual(notices.notices, []);
    });

    it('lets a root with inheritance force its settings on a top category, warning only where the own value differs', function () {
      const m = migrate([
        root({ inheritance: true, invite: true, logged: false, filePost: true }),
        category({ id: 10, name: 'Differs', invite: false, logged: false }),
        category({ id: 20, name: 'Agrees', invite: true, logged: false, filePost: true }),
        category({ id: 30, name: 'Unset' }),
      ]);
      for (const name of ['Differs', 'Agrees', 'Unset']) {
        const c = m.category(name);
        assert.deepEqual([c.invitations, c.chatHistory, c.fileUpload], [true, false, true], name);
      }
      assert.deepEqual(keys(m.notices, 'InheritedSettings'), [{ rule: 'InheritedSettings', severity: 'Warning', objectKind: 'Category', objectName: 'Differs' }]);
      assert.match(m.notices.notices.find((n) => n.rule === 'InheritedSettings')!.message, /invite/);
    });

    it('lets a category with inheritance force its settings on everything below it, overriding the children\'s own values', function () {
      const m = migrate([
        root({ invite: false, logged: true, filePost: false }),
        category({ id: 10, name: 'A', inheritance: true, invite: true, logged: false, filePost: true }),
        category({ id: 11, parentId: 10, name: 'B', invite: false, logged: true, filePost: false }),
        category({ id: 12, parentId: 11, name: 'C' }),
        category({ id: 13, parentId: 10, name: 'D', invite: true, logged: false, filePost: true }),
        category({ id: 20, name: 'Outside', invite: false }),
      ]);
      for (const name of ['A', 'B', 'C', 'D']) {
        const c = m.category(name);
        assert.deepEqual([c.invitations, c.chatHistory, c.fileUpload], [true, false, true], name);
      }
      const outside = m.category('Outside');
      assert.deepEqual([outside.invitations, outside.chatHistory, outside.fileUpload], [false, true, false]);
      const warnings = m.notices.notices.filter((n) => n.rule === 'InheritedSettings');
      assert.equal(warnings.length, 1, 'only B differs: C has no own value, D agrees');
      assert.equal(warnings[0]!.severity, 'Warning');
      assert.equal(warnings[0]!.objectKind, 'Category');
      assert.match(warnings[0]!.message, /invite, logged, filePost/);
      assert.match(warnings[0]!.message, /'A'/);
    });

    it('names the forced subcategory by its flattened name in the InheritedSettings warning', function () {
      const m = migrate([
        root(),
        category({ id: 10, name: 'A', inheritance: true, invite: true }),
        category({ id: 11, parentId: 10, name: 'B', invite: false }),
      ]);
      assert.equal(m.category('B').name, 'A - B');
      assert.deepEqual(keys(m.notices, 'InheritedSettings'), [{ rule: 'InheritedSettings', severity: 'Warning', objectKind: 'Category', objectName: 'A - B' }]);
    });
  });

  describe('scope (AllowedMembers / DeniedMembers)', function () {
    it('gives a category without scope entries its nearest ancestor\'s scope, as an InheritedScope notice', function () {
      const m = migrate([
        root({ scope: allow(1) }),
        category({ id: 10, name: 'A', scope: [...allow(100, 101), ...deny(102)] }),
        category({ id: 11, parentId: 10, name: 'B' }),
        category({ id: 12, parentId: 11, name: 'C' }),
      ]);
      for (const name of ['B', 'C']) {
        assert.deepEqual(m.category(name).allowed, [100, 101], name);
        assert.deepEqual(m.category(name).denied, [102], name);
      }
      assert.deepEqual(keys(m.notices, 'InheritedScope'), [
        { rule: 'InheritedScope', severity: 'Info', objectKind: 'Category', objectName: 'A - B' },
        { rule: 'InheritedScope', severity: 'Info', objectKind: 'Category', objectName: 'A - B - C' },
      ]);
    });

    it('keeps a category\'s own scope, split into allowed and denied, with no notice', function () {
      const m = migrate([
        root(),
        category({ id: 10, name: 'A', scope: allow(100) }),
        category({ id: 11, parentId: 10, name: 'B', scope: [...deny(201), ...allow(200), ...deny(202)] }),
      ]);
      assert.deepEqual(m.category('A').allowed, [100]);
      assert.deepEqual(m.category('A').denied, []);
      assert.deepEqual(m.category('B').allowed, [200]);
      assert.deepEqual(m.category('B').denied, [201, 202]);
      assert.deepEqual(keys(m.notices, 'InheritedScope'), []);
    });

    it('gives a top category without scope the root\'s scope, as an InheritedScope notice', function () {
      const m = migrate([root({ scope: [...allow(1), ...deny(2)] }), category({ id: 10, name: 'A' })]);
      assert.deepEqual(m.category('A').allowed, [1]);
      assert.deepEqual(m.category('A').denied, [2]);
      assert.deepEqual(keys(m.notices, 'InheritedScope'), [{ rule: 'InheritedScope', severity: 'Info', objectKind: 'Category', objectName: 'A' }]);
    });

    it('reports nothing when there is no scope anywhere', function () {
      const m = migrate([root(), category({ id: 10, name: 'A' }), category({ id: 11, parentId: 10, name: 'B' })]);
      assert.deepEqual(m.category('B').allowed, []);
      assert.deepEqual(m.category('B').denied, []);
      assert.deepEqual(keys(m.notices, 'InheritedScope'), []);
    });
  });

  describe('managers and creators', function () {
    const tree = [
      root({ roles: [...grant('Manager', 500), ...grant('Creator', 501)] }),
      category({ id: 10, name: 'A', roles: [...grant('Manager', 600), ...grant('Creator', 601)] }),
      category({ id: 11, parentId: 10, name: 'B', roles: grant('Creator', 701) }),
      category({ id: 20, name: 'Other' }),
    ];
    const rooms = [
      room({ id: 100, parentId: 10, name: 'in-a' }),
      room({ id: 101, parentId: 11, name: 'in-b' }),
      room({ id: 102, parentId: 20, name: 'in-other' }),
      room({ id: 103, parentId: 1, name: 'under-root', roles: grant('Manager', 900) }),
    ];

    it('makes root managers managers of every room, with a single RootManagers warning', function () {
      const m = migrate(tree, rooms);
      for (const name of ['in-a', 'in-b', 'in-other', 'under-root']) assert.ok(m.room(name).managers.includes(500), name);
      assert.deepEqual(m.room('under-root').managers.slice().sort(), [500, 900]);
      assert.deepEqual(keys(m.notices, 'RootManagers'), [{ rule: 'RootManagers', severity: 'Warning', objectKind: 'Category', objectName: 'Root' }]);
    });

    it('makes managers of a category managers of every room in it and below, with a CategoryManagers warning', function () {
      const m = migrate(tree, rooms);
      assert.deepEqual(m.room('in-a').managers.slice().sort(), [500, 600]);
      assert.deepEqual(m.room('in-b').managers.slice().sort(), [500, 600]);
      assert.deepEqual(m.room('in-other').managers, [500]);
      assert.deepEqual(keys(m.notices, 'CategoryManagers'), [{ rule: 'CategoryManagers', severity: 'Warning', objectKind: 'Category', objectName: 'A' }]);
    });

    it('gives managers of a subcategory to its rooms only, not to the rooms of its parent', function () {
      const m = migrate(
        [root(), category({ id: 10, name: 'A' }), category({ id: 11, parentId: 10, name: 'B', roles: grant('Manager', 700) }), category({ id: 12, parentId: 11, name: 'C' })],
        [room({ id: 100, parentId: 10, name: 'in-a' }), room({ id: 101, parentId: 11, name: 'in-b' }), room({ id: 102, parentId: 12, name: 'in-c' })],
      );
      assert.deepEqual(m.room('in-a').managers, []);
      assert.deepEqual(m.room('in-b').managers, [700]);
      assert.deepEqual(m.room('in-c').managers, [700]);
      assert.deepEqual(keys(m.notices, 'CategoryManagers'), [{ rule: 'CategoryManagers', severity: 'Warning', objectKind: 'Category', objectName: 'A - B' }]);
    });

    it('does not migrate root creators (RootCreators warning) and keeps category creators on their own category', function () {
      const m = migrate(tree, rooms);
      assert.deepEqual(m.category('A').creators, [601]);
      assert.deepEqual(m.category('B').creators, [701]);
      assert.deepEqual(m.category('Other').creators, []);
      assert.deepEqual(rootCategoryFor(m.plan)!.creators, []);
      for (const c of m.plan.categories.values()) assert.ok(!c.creators.includes(501), c.name);
      assert.deepEqual(keys(m.notices, 'RootCreators'), [{ rule: 'RootCreators', severity: 'Warning', objectKind: 'Category', objectName: 'Root' }]);
    });

    it('reports neither RootManagers nor RootCreators when the root has no such roles', function () {
      const m = migrate([root(), category({ id: 10, name: 'A' })]);
      assert.equal(m.notices.count('RootManagers'), 0);
      assert.equal(m.notices.count('RootCreators'), 0);
    });
  });

  describe('rooms directly under the root: rootCategoryFor', function () {
    it('gives a category named after the root, with the root\'s settings, scope and managers and no creators', function () {
      const m = migrate(
        [
          root({
            name: 'Group Chat',
            description: 'The top of the tree',
            invite: true,
            logged: false,
            filePost: true,
            scope: [...allow(5), ...deny(6)],
            roles: [...grant('Manager', 7), ...grant('Creator', 8)],
          }),
        ],
        [room({ id: 100, parentId: 1, name: 'Lobby' })],
        // The manager is within the root's scope through group 5, as a room's managers must be.
        [{ principalId: 7, affiliationId: 5, index: 0 }],
      );
      const flat = rootCategoryFor(m.plan)!;
      assert.equal(flat.name, 'Group Chat');
      assert.deepEqual(flat.path, ['Group Chat']);
      assert.equal(flat.description, 'The top of the tree');
      assert.deepEqual([flat.invitations, flat.chatHistory, flat.fileUpload], [true, false, true]);
      assert.deepEqual(flat.allowed, [5]);
      assert.deepEqual(flat.denied, [6]);
      assert.deepEqual(flat.inheritedManagers, [7]);
      assert.deepEqual(flat.creators, []);
      assert.equal(flat.create, true);
      const lobby = m.room('Lobby');
      assert.equal(lobby.name, 'Lobby');
      assert.equal(lobby.category.name, 'Group Chat');
      assert.deepEqual(lobby.managers, [7]);
      assert.deepEqual(keys(m.notices), [
        { rule: 'RootManagers', severity: 'Warning', objectKind: 'Category', objectName: 'Group Chat' },
        { rule: 'RootCreators', severity: 'Warning', objectKind: 'Category', objectName: 'Group Chat' },
      ]);
    });

    it('uses the Persistent Chat defaults when the root has no settings', function () {
      const flat = rootCategoryFor(planCategories([root()], new NoticeList()))!;
      assert.deepEqual([flat.invitations, flat.chatHistory, flat.fileUpload], [false, true, false]);
    });

    it('gives nothing when there is no root', function () {
      assert.equal(rootCategoryFor(planCategories([category({ id: 10, name: 'A' })], new NoticeList())), undefined);
    });
  });

  describe('structural ancestors (outside -Scope)', function () {
    const tree = [
      root({ scope: allow(1) }),
      category({ id: 10, name: 'Top', inScope: false, inheritance: true, invite: true, logged: false, filePost: true }),
      category({ id: 11, parentId: 10, name: 'Mid', inScope: false, invite: false, roles: grant('Manager', 9) }),
      category({ id: 12, parentId: 11, name: 'Leaf' }),
    ];

    it('flattens them into the names below but marks them create:false', function () {
      const m = migrate(tree);
      assert.equal(m.category('Top').create, false);
      assert.equal(m.category('Mid').create, false);
      const leaf = m.category('Leaf');
      assert.equal(leaf.create, true);
      assert.equal(leaf.name, 'Top - Mid - Leaf');
      assert.deepEqual([leaf.invitations, leaf.chatHistory, leaf.fileUpload], [true, false, true]);
      assert.deepEqual(leaf.allowed, [1]);
    });

    it('produces no notices of their own (only the in-scope category is reported)', function () {
      const m = migrate(tree);
      const about = new Set(m.notices.notices.map((n) => n.objectName));
      assert.ok(!about.has('Top'), 'no notice names Top');
      assert.ok(!about.has('Top - Mid'), 'no notice names Top - Mid');
      assert.deepEqual(
        keys(m.notices).filter((k) => k.rule === 'FlattenedCategory' || k.rule === 'InheritedScope'),
        [
          { rule: 'FlattenedCategory', severity: 'Info', objectKind: 'Category', objectName: 'Top - Mid - Leaf' },
          { rule: 'InheritedScope', severity: 'Info', objectKind: 'Category', objectName: 'Top - Mid - Leaf' },
        ],
      );
    });

    it('still reports the managers a structural ancestor hands down to the rooms of an in-scope category', function () {
      // DESIGN.md §8: every conversion is reported. Mid's manager becomes a manager of 'room' although Mid itself
      // is not created, so the only object that can carry the CategoryManagers warning is the in-scope category.
      // Principal 9 is within the inherited scope (principal 1) through a membership.
      const m = migrate(tree, [room({ id: 100, parentId: 12, name: 'room' })], [{ principalId: 9, affiliationId: 1, index: 0 }]);
      assert.deepEqual(m.room('room').managers, [9]);
      assert.deepEqual(keys(m.notices, 'CategoryManagers'), [{ rule: 'CategoryManagers', severity: 'Warning', objectKind: 'Category', objectName: 'Top - Mid - Leaf' }]);
    });
  });
});
