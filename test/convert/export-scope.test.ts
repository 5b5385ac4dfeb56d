/**
 * selectForExport: what Export-CsPersistentChatData -Scope takes (domain.md §3.1.1). A name matches a category by
 * its own name or its flattened path, ignoring case; a match brings its subcategories and their rooms; ancestors of
 * a matched subcategory come as structure only.
 */
import assert from 'node:assert/strict';
import { PcmError } from '../../core/errors.js';
import { selectForExport, type ExportSelection } from '../../core/export-scope.js';
import type { ChatNode } from '../../core/model.js';
import { chatNode } from './support/fixtures.js';

const nodes: ChatNode[] = [
  chatNode('Category', { id: 1, parentId: 1, name: 'Root' }),
  chatNode('Category', { id: 10, name: 'Engineering' }),
  chatNode('Category', { id: 11, parentId: 10, name: 'Backend' }),
  chatNode('Category', { id: 12, parentId: 11, name: 'Databases' }),
  chatNode('Category', { id: 20, name: 'Sales' }),
  chatNode('ChatRoom', { id: 100, parentId: 1, name: 'Lobby' }),
  chatNode('ChatRoom', { id: 101, parentId: 10, name: 'Eng general' }),
  chatNode('ChatRoom', { id: 102, parentId: 11, name: 'Backend chat' }),
  chatNode('ChatRoom', { id: 103, parentId: 12, name: 'DBA chat' }),
  chatNode('ChatRoom', { id: 104, parentId: 20, name: 'Deals' }),
];

const ids = (list: readonly ChatNode[]): number[] => list.map((n) => n.id).sort((a, b) => a - b);
const shape = (s: ExportSelection) => ({ categories: ids(s.categories), ancestors: ids(s.ancestors), rooms: ids(s.rooms) });

describe('selectForExport', function () {
  it('takes everything without a scope, rooms under the root included', function () {
    for (const scope of [undefined, []]) {
      const s = selectForExport(nodes, scope);
      assert.equal(s.root?.id, 1);
      assert.deepEqual(shape(s), { categories: [10, 11, 12, 20], ancestors: [], rooms: [100, 101, 102, 103, 104] });
    }
  });

  it('takes a top category with its subcategories and all their rooms, and nothing else', function () {
    assert.deepEqual(shape(selectForExport(nodes, ['Engineering'])), { categories: [10, 11, 12], ancestors: [], rooms: [101, 102, 103] });
  });

  it('takes a subcategory named by its own name, case-insensitively, with its ancestors as structure only', function () {
    const s = selectForExport(nodes, ['backend']);
    assert.deepEqual(shape(s), { categories: [11, 12], ancestors: [10], rooms: [102, 103] });
  });

  it('takes a subcategory named by its flattened path, case-insensitively', function () {
    for (const name of ['Engineering - Backend', 'ENGINEERING - BACKEND']) {
      assert.deepEqual(shape(selectForExport(nodes, [name])), { categories: [11, 12], ancestors: [10], rooms: [102, 103] }, name);
    }
  });

  it('takes several names, gathering every ancestor once', function () {
    assert.deepEqual(shape(selectForExport(nodes, ['Databases', 'sales'])), { categories: [12, 20], ancestors: [10, 11], rooms: [103, 104] });
  });

  it('does not list as an ancestor a category that is itself selected', function () {
    assert.deepEqual(shape(selectForExport(nodes, ['Backend', 'Engineering'])), { categories: [10, 11, 12], ancestors: [], rooms: [101, 102, 103] });
  });

  it('throws ScopeCategoryNotFound naming the missing category and listing the existing ones', function () {
    assert.throws(
      () => selectForExport(nodes, ['Engineering', 'Marketing']),
      (e: unknown) => {
        assert.ok(e instanceof PcmError);
        assert.equal(e.errorId, 'ScopeCategoryNotFound');
        assert.equal(e.category, 'ObjectNotFound');
        assert.equal(e.target, 'Marketing');
        assert.match(e.message, /'Marketing'/);
        for (const known of ['Engineering', 'Engineering - Backend', 'Engineering - Backend - Databases', 'Sales']) assert.ok(e.message.includes(known), known);
        assert.ok(!/'Engineering'/.test(e.message.split('Categories')[0]!), 'a name that matched is not reported missing');
        return true;
      },
    );
  });
});
