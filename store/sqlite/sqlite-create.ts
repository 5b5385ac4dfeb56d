/** Creates a fresh mgc (or Group Chat 2010) schema in an empty SQLite database, with its static rows. */
import type Database from 'better-sqlite3';
import { ROOT_NODE_ID, type SchemaKind } from '../../core/model.js';
import {
  BEHAVIOR_IDS,
  ENUM_ATTRIBUTE_ROWS,
  ENUM_VALUE_ROWS,
  PRINCIPAL_TYPE_ROWS,
  ROLE_TYPE_ROWS,
  SYSTEM_PRINCIPAL,
  VISIBILITY_IDS,
} from '../schema-data.js';
import { schemaDdl } from './sqlite-schema.js';

/** A fixed creation time for the rows a new database starts with, so that two new databases are identical. */
const CREATED_TICKS = 630822816000000000n; // 2000-01-01T00:00:00Z

export function createSchema(db: Database.Database, kind: SchemaKind): void {
  db.transaction(() => {
    db.exec(schemaDdl(kind));
    const type = db.prepare('INSERT INTO tblPrincipalType VALUES (?, ?, ?, ?)');
    for (const t of PRINCIPAL_TYPE_ROWS) type.run(t.id, t.desc, t.isSystemUser ? 1 : 0, t.isUser ? 1 : 0);
    const attribute = db.prepare('INSERT INTO tblEnumAttribute VALUES (?, ?)');
    for (const a of ENUM_ATTRIBUTE_ROWS) attribute.run(a.id, a.name);
    const value = db.prepare('INSERT INTO tblEnumValue VALUES (?, ?, ?)');
    for (const v of ENUM_VALUE_ROWS) value.run(v.id, v.attributeId, v.value);
    const role = db.prepare('INSERT INTO tblRoleType VALUES (?, ?, ?)');
    for (const r of ROLE_TYPE_ROWS) role.run(r.id, r.desc, r.permissions);
    db.prepare(
      'INSERT INTO tblPrincipal (prinID, prinGuid, prinUri, prinName, prinDisabled, prinTypeID, prinAddedBy, prinUpdatedBy, ' +
        'prinAddedOn, prinUpdatedOn, prinVerifiedOn) VALUES (?, ?, ?, ?, 0, 4, 1, 1, ?, ?, ?)',
    ).run(SYSTEM_PRINCIPAL.id, SYSTEM_PRINCIPAL.guid, SYSTEM_PRINCIPAL.uri, SYSTEM_PRINCIPAL.name, CREATED_TICKS, CREATED_TICKS, '2000-01-01T00:00:00.000Z');
    db.prepare(
      'INSERT INTO tblNode (nodeID, nodeGuid, parentID, nodeType, nodeName, nodeDesc, invite, logged, filePost, disabled, behavior, ' +
        'visibility, nodeAddedBy, nodeUpdatedBy, nodeAddedOn, nodeUpdatedOn) VALUES (?, ?, ?, 1, ?, ?, 1, 1, 1, 0, ?, ?, 1, 1, ?, ?)',
    ).run(
      ROOT_NODE_ID,
      '00000000-0000-0000-0000-000000000001',
      ROOT_NODE_ID,
      '(root)',
      'The root of the category tree',
      BEHAVIOR_IDS.Normal,
      VISIBILITY_IDS.Closed,
      CREATED_TICKS,
      CREATED_TICKS,
    );
    db.prepare('INSERT INTO tblSystemRevision VALUES (1)').run();
    if (kind === 'GroupChat2010') {
      db.prepare("INSERT INTO tblVersion VALUES ('GroupChat', '2010')").run();
    }
  })();
}
