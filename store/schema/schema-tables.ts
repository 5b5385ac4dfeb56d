/** The tables of each schema, as data (store/schema/table-def.ts), in creation order. */
import type { SchemaKind } from '../../core/model.js';
import { GROUPCHAT2010_TABLES } from './groupchat2010-tables.js';
import { MGC_CHATS, MGC_NODES, MGC_PRINCIPALS, MGC_SERVER } from './mgc-tables.js';
import type { TableDef } from './table-def.js';

const MGC_TABLES: readonly TableDef[] = [...MGC_PRINCIPALS, ...MGC_NODES, ...MGC_CHATS, ...MGC_SERVER];

export function schemaTables(kind: SchemaKind): readonly TableDef[] {
  return kind === 'GroupChat2010' ? GROUPCHAT2010_TABLES : MGC_TABLES;
}
