/**
 * convertRoom: one Group Chat 2010 room -> one Persistent Chat room (domain.md §4.4, §4.6, §5.7): the subcategory
 * prefix and the 256-character limit, invitations Inherit/False, per-room history and file upload, topic, presenters,
 * disabled rooms, and the members and managers inherited from categories. Each test pins values and notices.
 */
import assert from 'node:assert/strict';
import { NAME_SEPARATOR } from '../../core/convert/flatten-categories.js';
import { LIMITS } from '../../core/model.js';
import { allow, category, deny, grant, keys, keysOfKind, migrate, nameOf, root, room, type CategoryFields, type Migration, type NoticeKey, type RoomFields } from './support/fixtures.js';

/** The notices about rooms (the fixture tree's subcategory has its own FlattenedCategory notice). */
const rooms = (m: Migration): NoticeKey[] => keysOfKind(m.notices, 'ChatRoom');

/** Root, a top category 'Top' (id 10) and its subcategory 'Top - Sub' (id 11), with the given settings on 'Top'. */
function inTree(roomFields: RoomFields[], top: Partial<CategoryFields> = {}) {
  return migrate(
    [root(), category({ id: 10, name: 'Top', ...top }), category({ id: 11, parentId: 10, name: 'Sub' })],
    roomFields.map((r) => room(r)),
  );
}

describe('convertRoom', function () {
  describe('name prefix', function () {
    it('prefixes a room in a subcategory with the flattened category name (RoomNamePrefixed, Info)', function () {
      const m = migrate(
        [root(), category({ id: 10, name: 'A' }), category({ id: 11, parentId: 10, name: 'B' }), category({ id: 12, parentId: 11, name: 'C' })],
        [room({ id: 100, parentId: 11, name: 'Design' }), room({ id: 101, parentId: 12, name: 'Deep' })],
      );
      assert.equal(m.room('Design').name, `A${NAME_SEPARATOR}B${NAME_SEPARATOR}Design`);
      assert.equal(m.room('Deep').name, 'A - B - C - Deep');
      assert.deepEqual(keys(m.notices, 'RoomNamePrefixed'), [
        { rule: 'RoomNamePrefixed', severity: 'Info', objectKind: 'ChatRoom', objectName: 'A - B - Design' },
        { rule: 'RoomNamePrefixed', severity: 'Info', objectKind: 'ChatRoom', objectName: 'A - B - C - Deep' },
      ]);
    });

    it('keeps the name of a room in a top category, with no notice', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'General' }]);
      assert.equal(m.room('General').name, 'General');
      assert.equal(m.room('General').category.name, 'Top');
      assert.deepEqual(rooms(m), []);
    });
  });

  describe('the 256-character limit on a prefixed room name', function () {
    const prefix = `Top${NAME_SEPARATOR}Sub${NAME_SEPARATOR}`;

    it('accepts exactly 256 characters', function () {
      const name = nameOf(LIMITS.nodeName - prefix.length);
      const m = inTree([{ id: 100, parentId: 11, name }]);
      assert.equal(m.room(name).name.length, 256);
      assert.deepEqual(keys(m.notices, 'NameTooLong'), []);
    });

    it('reports 257 characters as a NameTooLong error naming the room', function () {
      const name = nameOf(LIMITS.nodeName - prefix.length + 1);
      const m = inTree([{ id: 100, parentId: 11, name }]);
      assert.equal(m.room(name).name, prefix + name);
      assert.deepEqual(keys(m.notices, 'NameTooLong'), [{ rule: 'NameTooLong', severity: 'Error', objectKind: 'ChatRoom', objectName: prefix + name }]);
      assert.match(m.notices.errors[0]!.message, /257/);
    });
  });

  describe('invitations', function () {
    it('maps a null (inherited) room setting to Inherit, with no notice', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', invite: null }], { invite: false });
      assert.equal(m.room('r').invitations, 'Inherit');
      assert.deepEqual(rooms(m), []);
    });

    it('maps false to False, with no notice', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', invite: false }], { invite: true });
      assert.equal(m.room('r').invitations, 'False');
      assert.deepEqual(rooms(m), []);
    });

    it('maps true in a category with invitations on to Inherit, with no notice', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', invite: true }], { invite: true });
      assert.equal(m.room('r').category.invitations, true);
      assert.equal(m.room('r').invitations, 'Inherit');
      assert.deepEqual(rooms(m), []);
    });

    it('maps true in a category with invitations off to False, with an InvitationConflict warning naming the room', function () {
      const m = inTree([{ id: 100, parentId: 11, name: 'r', invite: true }], { invite: false });
      assert.equal(m.room('r').category.invitations, false);
      assert.equal(m.room('r').invitations, 'False');
      assert.deepEqual(keys(m.notices, 'InvitationConflict'), [{ rule: 'InvitationConflict', severity: 'Warning', objectKind: 'ChatRoom', objectName: 'Top - Sub - r' }]);
    });

    it('compares with the category\'s effective (inherited) value, not its own null', function () {
      const m = migrate(
        [root({ invite: true }), category({ id: 10, name: 'Top' })],
        [room({ id: 100, parentId: 10, name: 'r', invite: true })],
      );
      assert.equal(m.room('r').invitations, 'Inherit');
      assert.deepEqual(rooms(m), []);
    });

    it('lets a category with inheritance force its invitations on its rooms too (room false -> Inherit, InheritedSettings warning)', function () {
      // domain.md §5.7: `inheritance` = "children must inherit the settings"; a room is a child of its category.
      const m = migrate(
        [root(), category({ id: 10, name: 'Top', inheritance: true, invite: true })],
        [room({ id: 100, parentId: 10, name: 'r', invite: false })],
      );
      assert.equal(m.room('r').invitations, 'Inherit');
      assert.deepEqual(keys(m.notices, 'InheritedSettings'), [{ rule: 'InheritedSettings', severity: 'Warning', objectKind: 'ChatRoom', objectName: 'r' }]);
    });
  });

  describe('per-room chat history and file upload (category settings in Persistent Chat)', function () {
    const top = { logged: true, filePost: false };

    it('warns RoomChatHistory when the room\'s history differs from its category\'s', function () {
      const m = inTree([{ id: 100, parentId: 11, name: 'r', logged: false }], top);
      assert.equal(m.room('r').category.chatHistory, true);
      assert.deepEqual(keys(m.notices, 'RoomChatHistory'), [{ rule: 'RoomChatHistory', severity: 'Warning', objectKind: 'ChatRoom', objectName: 'Top - Sub - r' }]);
    });

    it('warns RoomFileUpload when the room\'s file upload differs from its category\'s', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', filePost: true }], top);
      assert.equal(m.room('r').category.fileUpload, false);
      assert.deepEqual(keys(m.notices, 'RoomFileUpload'), [{ rule: 'RoomFileUpload', severity: 'Warning', objectKind: 'ChatRoom', objectName: 'r' }]);
    });

    it('says nothing when the room\'s values equal the category\'s', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', logged: true, filePost: false }], top);
      assert.deepEqual(rooms(m), []);
    });

    it('says nothing when the room\'s values are null (inherited)', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', logged: null, filePost: null }], { logged: false, filePost: true });
      assert.deepEqual(rooms(m), []);
    });

    it('compares with the category\'s inherited value', function () {
      // 'Sub' has no values of its own and inherits Top's: a room equal to them is not a conflict.
      const m = inTree(
        [
          { id: 100, parentId: 11, name: 'same', logged: false, filePost: true },
          { id: 101, parentId: 11, name: 'other', logged: true, filePost: false },
        ],
        { logged: false, filePost: true },
      );
      assert.deepEqual(
        rooms(m).filter((k) => k.rule === 'RoomChatHistory' || k.rule === 'RoomFileUpload'),
        [
          { rule: 'RoomChatHistory', severity: 'Warning', objectKind: 'ChatRoom', objectName: 'Top - Sub - other' },
          { rule: 'RoomFileUpload', severity: 'Warning', objectKind: 'ChatRoom', objectName: 'Top - Sub - other' },
        ],
      );
    });
  });

  describe('topic', function () {
    it('drops the topic with a TopicDropped notice that quotes it, and leaves the description alone', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', description: 'About r', topic: 'Release 4.2 freeze' }]);
      const r = m.room('r');
      assert.equal(r.description, 'About r');
      assert.ok(!('topic' in r));
      assert.deepEqual(rooms(m), [{ rule: 'TopicDropped', severity: 'Info', objectKind: 'ChatRoom', objectName: 'r' }]);
      assert.match(m.notices.notices.find((n) => n.rule === 'TopicDropped')!.message, /Release 4\.2 freeze/);
    });

    it('says nothing for an empty topic', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', topic: '' }]);
      assert.deepEqual(rooms(m), []);
    });
  });

  describe('presenters', function () {
    it('drops presenters of a Normal room with a PresentersInNormalRoom warning; they stay members', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', behavior: 'Normal', roles: [...grant('Member', 40, 41), ...grant('Voiced', 40)] }]);
      const r = m.room('r');
      assert.equal(r.type, 'Normal');
      assert.deepEqual(r.presenters, []);
      assert.deepEqual(r.members.slice().sort(), [40, 41]);
      assert.deepEqual(rooms(m), [{ rule: 'PresentersInNormalRoom', severity: 'Warning', objectKind: 'ChatRoom', objectName: 'r' }]);
    });

    it('keeps presenters of an Auditorium, with no notice', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', behavior: 'Auditorium', roles: [...grant('Member', 40, 41), ...grant('Voiced', 40)] }]);
      const r = m.room('r');
      assert.equal(r.type, 'Auditorium');
      assert.deepEqual(r.presenters, [40]);
      assert.deepEqual(rooms(m), []);
    });
  });

  describe("Persistent Chat's access model: a presenter is a member, and every role lies within the category's scope", function () {
    /** 'Top' allows principal 40 and group 60 (of which 42 and 43 are members) and denies 43; 41 and 44 are outside. */
    const scoped = (roomFields: RoomFields[]) =>
      migrate(
        [root(), category({ id: 10, name: 'Top', scope: [...allow(40, 60), ...deny(43)] })],
        roomFields.map((r) => room(r)),
        [42, 43].map((principalId) => ({ principalId, affiliationId: 60, index: 0 })),
      );

    it('keeps members, managers and presenters the scope admits (directly or through a group), and drops the others with a RoleOutsideCategory warning; deny wins', function () {
      const m = scoped([{ id: 100, parentId: 10, name: 'r', behavior: 'Auditorium', roles: [...grant('Member', 40, 41, 42, 43), ...grant('Manager', 42, 44), ...grant('Voiced', 40, 41)] }]);
      const r = m.room('r');
      assert.deepEqual([r.members.slice().sort(), r.managers, r.presenters], [[40, 42], [42], [40]]);
      assert.deepEqual(rooms(m), [
        { rule: 'RoleOutsideCategory', severity: 'Warning', objectKind: 'ChatRoom', objectName: 'r' },
      ]);
      assert.match(m.notices.notices.find((n) => n.rule === 'RoleOutsideCategory')!.message, /^2 member\(s\), 1 manager\(s\) and 1 presenter\(s\) of the room are not within its category 'Top'/);
    });

    it('makes the presenters of a Closed or Secret auditorium members too (Info); an Open room has no member list', function () {
      const closed = scoped([{ id: 100, parentId: 10, name: 'c', behavior: 'Auditorium', visibility: 'Closed', roles: grant('Voiced', 40) }]);
      assert.deepEqual([closed.room('c').members, closed.room('c').presenters], [[40], [40]]);
      assert.deepEqual(rooms(closed), [{ rule: 'PresentersMadeMembers', severity: 'Info', objectKind: 'ChatRoom', objectName: 'c' }]);
      const open = scoped([{ id: 100, parentId: 10, name: 'o', behavior: 'Auditorium', visibility: 'Open', roles: grant('Voiced', 40) }]);
      assert.deepEqual([open.room('o').members, open.room('o').presenters], [[], [40]]);
      assert.deepEqual(rooms(open), []);
    });

    it('judges nothing in a category without AllowedMembers, so that nothing is lost', function () {
      const m = inTree([{ id: 100, parentId: 10, name: 'r', roles: [...grant('Member', 41), ...grant('Manager', 44)] }]);
      assert.deepEqual([m.room('r').members, m.room('r').managers], [[41], [44]]);
      assert.deepEqual(rooms(m), []);
    });
  });

  describe('disabled rooms', function () {
    it('keeps a disabled room disabled, with a DisabledRoom notice', function () {
      const m = inTree([{ id: 100, parentId: 11, name: 'r', disabled: true }, { id: 101, parentId: 10, name: 'on' }]);
      assert.equal(m.room('r').disabled, true);
      assert.equal(m.room('on').disabled, false);
      assert.deepEqual(keys(m.notices, 'DisabledRoom'), [{ rule: 'DisabledRoom', severity: 'Info', objectKind: 'ChatRoom', objectName: 'Top - Sub - r' }]);
    });
  });

  describe('members inherited from categories', function () {
    it('adds the members granted on every category above the room, with an InheritedMembers notice', function () {
      const m = migrate(
        [root(), category({ id: 10, name: 'A', roles: grant('Member', 10) }), category({ id: 11, parentId: 10, name: 'B', roles: grant('Member', 20) })],
        [room({ id: 100, parentId: 11, name: 'r', roles: grant('Member', 30) })],
      );
      assert.deepEqual(m.room('r').members.slice().sort(), [10, 20, 30]);
      assert.deepEqual(keys(m.notices, 'InheritedMembers'), [{ rule: 'InheritedMembers', severity: 'Info', objectKind: 'ChatRoom', objectName: 'A - B - r' }]);
      assert.match(m.notices.notices.find((n) => n.rule === 'InheritedMembers')!.message, /2 member/);
    });

    it('stops at an intermediate category with overrideMember: only its members and below are inherited', function () {
      const m = migrate(
        [
          root(),
          category({ id: 10, name: 'A', roles: grant('Member', 10) }),
          category({ id: 11, parentId: 10, name: 'B', overrideMember: true, roles: grant('Member', 20) }),
          category({ id: 12, parentId: 11, name: 'C', roles: grant('Member', 25) }),
        ],
        [room({ id: 100, parentId: 12, name: 'r', roles: grant('Member', 30) }), room({ id: 101, parentId: 10, name: 'in-a' })],
      );
      assert.deepEqual(m.room('r').members.slice().sort(), [20, 25, 30]);
      assert.deepEqual(m.room('in-a').members, [10]);
      assert.deepEqual(keys(m.notices, 'InheritedMembers'), [
        { rule: 'InheritedMembers', severity: 'Info', objectKind: 'ChatRoom', objectName: 'A - B - C - r' },
        { rule: 'InheritedMembers', severity: 'Info', objectKind: 'ChatRoom', objectName: 'in-a' },
      ]);
    });

    it('keeps only the room\'s own members when the room has overrideMember, with no notice', function () {
      const m = migrate(
        [root(), category({ id: 10, name: 'A', roles: grant('Member', 10) }), category({ id: 11, parentId: 10, name: 'B', roles: grant('Member', 20) })],
        [room({ id: 100, parentId: 11, name: 'r', overrideMember: true, roles: grant('Member', 30) })],
      );
      assert.deepEqual(m.room('r').members, [30]);
      assert.deepEqual(keys(m.notices, 'InheritedMembers'), []);
    });

    it('says nothing when the room already has every inherited member', function () {
      const m = migrate([root(), category({ id: 10, name: 'A', roles: grant('Member', 10) })], [room({ id: 100, parentId: 10, name: 'r', roles: grant('Member', 10) })]);
      assert.deepEqual(m.room('r').members, [10]);
      assert.deepEqual(rooms(m), []);
    });

    it('adds members granted on the root to rooms in categories, as it does for rooms directly under the root', function () {
      const m = migrate(
        [root({ roles: grant('Member', 5) }), category({ id: 10, name: 'A' })],
        [room({ id: 100, parentId: 10, name: 'in-a' }), room({ id: 101, parentId: 1, name: 'under-root' })],
      );
      assert.deepEqual(m.room('under-root').members, [5]);
      assert.deepEqual(m.room('in-a').members, [5]);
      assert.deepEqual(keys(m.notices, 'InheritedMembers'), [
        { rule: 'InheritedMembers', severity: 'Info', objectKind: 'ChatRoom', objectName: 'in-a' },
        { rule: 'InheritedMembers', severity: 'Info', objectKind: 'ChatRoom', objectName: 'under-root' },
      ]);
    });
  });

  describe('values carried over unchanged', function () {
    it('keeps description, privacy, type, add-in and creators', function () {
      const m = inTree([
        { id: 100, parentId: 10, name: 'r', description: 'd', visibility: 'Secret', behavior: 'Auditorium', addinId: 'aaaa', roles: grant('Creator', 3) },
      ]);
      const r = m.room('r');
      assert.deepEqual(
        { description: r.description, privacy: r.privacy, type: r.type, addinId: r.addinId, creators: r.creators, sourceId: r.sourceId },
        { description: 'd', privacy: 'Secret', type: 'Auditorium', addinId: 'aaaa', creators: [3], sourceId: 100 },
      );
      assert.deepEqual(rooms(m), []);
    });
  });
});
