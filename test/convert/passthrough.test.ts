/**
 * A Persistent Chat 2013 source is already in the target model (flat categories, settings set on categories, no
 * topics, no Group Chat 2010 flags): the conversion must carry it over as it is and report nothing.
 */
import assert from 'node:assert/strict';
import { convertPrincipal } from '../../core/convert/convert-principal.js';
import { PrincipalType } from '../../core/model.js';
import { allow, category, deny, grant, keys, migrate, principal, root, room } from './support/fixtures.js';

describe('a Persistent Chat 2013 source', function () {
  const pcFlags = { inheritance: null, scopeChange: null, overrideMember: null, topic: null };
  const categories = [
    root({ ...pcFlags, invite: false, logged: true, filePost: false }),
    category({ ...pcFlags, id: 10, name: 'Engineering', description: 'eng', invite: true, logged: true, filePost: true, scope: [...allow(100, 101), ...deny(102)], roles: grant('Creator', 100) }),
    category({ ...pcFlags, id: 20, name: 'Announcements', invite: false, logged: false, filePost: false, scope: allow(103) }),
  ];
  const rooms = [
    room({ ...pcFlags, id: 30, parentId: 10, name: 'Builds', invite: null, roles: [...grant('Member', 100, 101), ...grant('Manager', 100)] }),
    room({ ...pcFlags, id: 31, parentId: 10, name: 'Quiet', invite: false, visibility: 'Secret' }),
    room({ ...pcFlags, id: 32, parentId: 20, name: 'Town hall', behavior: 'Auditorium', visibility: 'Open', roles: [...grant('Member', 103), ...grant('Voiced', 103)] }),
  ];

  it('passes through without any conversion notice', function () {
    const m = migrate(categories, rooms);
    for (const p of [principal({ id: 100 }), principal({ id: 102, type: PrincipalType.Group, uri: 'ma-grp://litwareinc.com/102', name: null, displayName: null })]) convertPrincipal(p, m.notices);
    assert.deepEqual(keys(m.notices), []);
  });

  it('keeps every name, setting, scope and role', function () {
    const m = migrate(categories, rooms);
    const eng = m.category('Engineering');
    assert.deepEqual(
      { name: eng.name, description: eng.description, inv: eng.invitations, hist: eng.chatHistory, file: eng.fileUpload, allowed: eng.allowed, denied: eng.denied, creators: eng.creators },
      { name: 'Engineering', description: 'eng', inv: true, hist: true, file: true, allowed: [100, 101], denied: [102], creators: [100] },
    );
    const ann = m.category('Announcements');
    assert.deepEqual([ann.name, ann.invitations, ann.chatHistory, ann.fileUpload, ann.allowed], ['Announcements', false, false, false, [103]]);
    const builds = m.room('Builds');
    assert.deepEqual([builds.name, builds.invitations, builds.members, builds.managers, builds.category.name], ['Builds', 'Inherit', [100, 101], [100], 'Engineering']);
    const quiet = m.room('Quiet');
    assert.deepEqual([quiet.name, quiet.invitations, quiet.privacy], ['Quiet', 'False', 'Secret']);
    const hall = m.room('Town hall');
    assert.deepEqual([hall.type, hall.privacy, hall.members, hall.presenters], ['Auditorium', 'Open', [103], [103]]);
  });
});
