/** Creates a fresh mgc (or Group Chat 2010) schema in an empty SQLite database, with its static rows. */
import type Database from 'better-sqlite3';
import { ROOT_NODE_ID, type SchemaKind } from '../../core/model.js';
import {
  BEHAVIOR_IDS,
  ENUM_ATTRIBUTE_ROWS,
  ENUM_VALUE_ROWS,
  GROUPCHAT2010_ENUM_VALUE_ROWS,
  principalTypeRows,
  roleTypeRows,
  SYSTEM_PRINCIPAL,
  VISIBILITY_IDS,
} from '../schema-data.js';
import { schemaDdl } from './sqlite-schema.js';

/** A fixed creation time for the rows a new database starts with, so that two new databases are identical. */
const CREATED_TICKS = 630822816000000000n; // 2000-01-01T00:00:00Z
const CREATED_DATE = '2000-01-01T00:00:00.000Z';
/** tblVersion's row in a Group Chat 2010 database we create; Microsoft publishes no version numbers (decisions.md). */
export const GROUPCHAT2010_VERSION = { id: 1, description: 'Lync Server 2010 Group Chat (created by PersistentChatMigration)', poolId: '00000000-0000-0000-0000-000000002010' };

export function createSchema(db: Database.Database, kind: SchemaKind): void {
  const legacy = kind === 'GroupChat2010';
  db.transaction(() => {
    db.exec(schemaDdl(kind));
    const type = legacy ? db.prepare('INSERT INTO tblPrincipalType VALUES (?, ?, ?, ?, ?)') : db.prepare('INSERT INTO tblPrincipalType VALUES (?, ?, ?, ?)');
    for (const t of principalTypeRows(kind)) {
      const values = [t.id, t.desc, t.isSystemUser ? 1 : 0, t.isUser ? 1 : 0];
      type.run(...(legacy ? [...values, t.isFederated ? 1 : 0] : values));
    }
    const attribute = db.prepare('INSERT INTO tblEnumAttribute VALUES (?, ?)');
    for (const a of ENUM_ATTRIBUTE_ROWS) attribute.run(a.id, a.name);
    const value = db.prepare('INSERT INTO tblEnumValue VALUES (?, ?, ?)');
    for (const v of legacy ? GROUPCHAT2010_ENUM_VALUE_ROWS : ENUM_VALUE_ROWS) value.run(v.id, v.attributeId, v.value);
    const role = legacy ? db.prepare('INSERT INTO tblRoleType VALUES (?, ?, ?, ?, ?)') : db.prepare('INSERT INTO tblRoleType VALUES (?, ?, ?)');
    for (const r of roleTypeRows(kind)) role.run(...(legacy ? [r.id, r.desc, r.permissions, r.honorsOverride ? 1 : 0, r.honorsScope ? 1 : 0] : [r.id, r.desc, r.permissions]));
    if (legacy) {
      db.prepare(
        'INSERT INTO tblPrincipal (prinID, prinGuid, prinUri, prinName, prinDisabled, prinTypeID, prinAllowedPermSet, prinUseInheritedPerms, prinAddedBy, ' +
          'prinAddedOn, prinUpdatedBy, prinUpdatedOn, prinVerifiedOn) VALUES (?, ?, ?, ?, 0, 4, 7, 0, 1, ?, 1, ?, ?)',
      ).run(SYSTEM_PRINCIPAL.id, SYSTEM_PRINCIPAL.guid, SYSTEM_PRINCIPAL.uri, SYSTEM_PRINCIPAL.name, CREATED_TICKS, CREATED_TICKS, CREATED_DATE);
      // The root is its own parent and defines its own scope and member list.
      db.prepare(
        'INSERT INTO tblNode (nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, topic, inheritance, scopeChange, overrideMember, invite, logged, ' +
          'filePost, disabled, behavior, visibility, scopeDefinerId, roleDefinerId, nodeAddedBy, nodeAddedOn, nodeUpdatedBy, nodeUpdatedOn) ' +
          "VALUES (?, ?, ?, 1, ?, ?, '', 0, 1, 0, 1, 1, 1, 0, ?, ?, ?, ?, 1, ?, 1, ?)",
      ).run(ROOT_NODE_ID, '00000000-0000-0000-0000-000000000001', ROOT_NODE_ID, '(root)', 'The root of the category tree', BEHAVIOR_IDS.Normal, VISIBILITY_IDS.Closed, ROOT_NODE_ID, ROOT_NODE_ID, CREATED_TICKS, CREATED_TICKS);
      db.prepare('INSERT INTO tblVersion (versionId, versionedOn, description, poolId) VALUES (?, ?, ?, ?)').run(
        GROUPCHAT2010_VERSION.id,
        CREATED_DATE,
        GROUPCHAT2010_VERSION.description,
        GROUPCHAT2010_VERSION.poolId,
      );
    } else {
      db.prepare(
        'INSERT INTO tblPrincipal (prinID, prinGuid, prinUri, prinName, prinDisabled, prinTypeID, prinAddedBy, prinUpdatedBy, ' +
          'prinAddedOn, prinUpdatedOn, prinVerifiedOn) VALUES (?, ?, ?, ?, 0, 4, 1, 1, ?, ?, ?)',
      ).run(SYSTEM_PRINCIPAL.id, SYSTEM_PRINCIPAL.guid, SYSTEM_PRINCIPAL.uri, SYSTEM_PRINCIPAL.name, CREATED_TICKS, CREATED_TICKS, CREATED_DATE);
      db.prepare(
        'INSERT INTO tblNode (nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, invite, logged, filePost, disabled, behavior, ' +
          'visibility, nodeAddedBy, nodeUpdatedBy, nodeAddedOn, nodeUpdatedOn) VALUES (?, ?, ?, 1, ?, ?, 1, 1, 1, 0, ?, ?, 1, 1, ?, ?)',
      ).run(ROOT_NODE_ID, '00000000-0000-0000-0000-000000000001', ROOT_NODE_ID, '(root)', 'The root of the category tree', BEHAVIOR_IDS.Normal, VISIBILITY_IDS.Closed, CREATED_TICKS, CREATED_TICKS);
    }
    db.prepare('INSERT INTO tblSystemRevision VALUES (1)').run();
  })();
}
