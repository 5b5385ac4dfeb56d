/**
 * LEVEL_CONTENT: what each Export-CsPersistentChatData -Level carries (domain.md §3.1.1 [INF]: User = principals,
 * Category = categories and their ACLs, RoomDirectory = room definitions and memberships, Content = messages,
 * All = everything), widened so that every package imports on its own.
 */
import assert from 'node:assert/strict';
import { LEVEL_CONTENT } from '../../core/export-level.js';
import { EXPORT_LEVELS } from '../../core/model.js';

describe('LEVEL_CONTENT', function () {
  it('has exactly the documented levels', function () {
    assert.deepEqual(Object.keys(LEVEL_CONTENT).sort(), [...EXPORT_LEVELS].sort());
    assert.deepEqual([...EXPORT_LEVELS].sort(), ['All', 'Category', 'Content', 'RoomDirectory', 'User']);
  });

  it('matches the level table', function () {
    assert.deepEqual(LEVEL_CONTENT, {
      All: { principals: 'all', categories: true, rooms: true, messages: true },
      User: { principals: 'all', categories: false, rooms: false, messages: false },
      Category: { principals: 'referenced', categories: true, rooms: false, messages: false },
      RoomDirectory: { principals: 'referenced', categories: true, rooms: true, messages: false },
      Content: { principals: 'referenced', categories: true, rooms: true, messages: true },
    });
  });

  for (const level of EXPORT_LEVELS) {
    it(`${level}: a package imports on its own (rooms bring categories, messages bring rooms)`, function () {
      const c = LEVEL_CONTENT[level];
      if (c.rooms) assert.equal(c.categories, true, 'rooms need their categories');
      if (c.messages) assert.equal(c.rooms, true, 'messages need their rooms');
      assert.ok(c.principals === 'all' || c.principals === 'referenced');
    });
  }
});
