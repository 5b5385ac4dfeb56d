/**
 * Row mapping of the SQL Server dialect (store/mssql/mssql-rows.ts) on rows shaped as tedious returns them: bigint
 * as a decimal string (ticks beyond 2^53 must come back exact), uniqueidentifier in upper case, bit as a boolean;
 * and the values it writes: GUIDs in lower case, a prinVerifiedOn derived from the row and kept within DATETIME.
 */
import assert from 'node:assert/strict';
import { MAX_TICKS } from '../../core/ticks.js';
import { chatFromRow, nodeFromRow, nodeValues, principalFromRow, principalValues, scopeFromRow } from '../../store/mssql/mssql-rows.js';
import { category, user } from '../store/support/fixtures.js';

describe('mssql: row mapping', function () {
  it('reads a principal with ticks beyond 2^53 exactly and the GUID in lower case', function () {
    const p = principalFromRow({
      prinID: 7, prinGuid: 'ABCDEF01-2345-4678-9ABC-DEF012345678', prinUri: 'sip:a@contoso.com', prinName: null, prinDisplayName: '',
      prinCompanyName: 'Contoso', prinEmail: null, prinADPath: null, prinADUserPrincipalName: null, prinDisabled: 2, prinTypeID: 5,
      prinAddedOn: '635024016001234567', prinUpdatedOn: String(MAX_TICKS),
    });
    assert.equal(p.guid, 'abcdef01-2345-4678-9abc-def012345678');
    assert.equal(p.addedOn, 635024016001234567n);
    assert.equal(p.updatedOn, MAX_TICKS);
    assert.equal(p.displayName, '');
    assert.equal(p.name, null);
  });

  it('reads bits as booleans and keeps a NULL tri-state as null', function () {
    const row = { nodeID: 4, nodeGuid: 'AA', parentID: 1, nodeType: true, nodeName: 'n', nodeDesc: '', invite: null, logged: false, filePost: true, disabled: false, behavior: 5, visibility: 2, siopID: null, nodeAddedBy: 1, nodeUpdatedBy: 1, nodeAddedOn: '1', nodeUpdatedOn: '2', topic: 'T', inheritance: true, scopeChange: null, overrideMember: false };
    const node = nodeFromRow(row, true);
    assert.deepEqual(
      [node.kind, node.invite, node.logged, node.filePost, node.disabled, node.behavior, node.visibility, node.topic, node.inheritance, node.scopeChange, node.overrideMember],
      ['Category', null, false, true, false, 'Auditorium', 'Secret', 'T', true, null, false],
    );
    assert.deepEqual([nodeFromRow(row, false).topic, nodeFromRow(row, false).inheritance], [null, null], 'no legacy values from a Persistent Chat database');
    assert.deepEqual(scopeFromRow({ scopeNodeID: 3, scopePrinID: 9, scopeIsDenied: true }), { nodeId: 3, principalId: 9, denied: true });
  });

  it('reads a chat with a bigint id and date exactly, and an absent RTF as null', function () {
    assert.deepEqual(chatFromRow({ channelId: 3, chatId: '1152921504606846977', chatDate: '0', userId: 2, isAlert: false, content: 'a\u0000b', rtf: null }), {
      roomId: 3, chatId: 2n ** 60n + 1n, date: 0n, userId: 2, isAlert: false, content: 'a\u0000b', rtf: null,
    });
  });

  it('writes GUIDs in lower case, and none of the Group Chat 2010 columns (the dialect writes Persistent Chat only)', function () {
    const values = nodeValues({ ...category(1), guid: 'ABCDEF01-2345-4678-9ABC-DEF012345678', topic: 'T', inheritance: true });
    assert.equal(values.nodeGuid, 'abcdef01-2345-4678-9abc-def012345678');
    assert.deepEqual(['topic', 'inheritance', 'scopeChange', 'overrideMember'].filter((c) => c in values), []);
  });

  it('derives prinVerifiedOn from the update time, within what DATETIME holds', function () {
    assert.equal((principalValues(user(2)).prinVerifiedOn as Date).toISOString(), '2013-05-01T08:00:03.000Z');
    assert.equal((principalValues(user(2, { updatedOn: 0n })).prinVerifiedOn as Date).toISOString(), '1753-01-01T00:00:00.000Z');
    assert.equal((principalValues(user(2, { updatedOn: MAX_TICKS })).prinVerifiedOn as Date).toISOString(), '9999-12-31T23:59:59.997Z');
  });
});
