/**
 * Which database is this, and can it be read? Decided once, when a store opens, from the catalog (tables and
 * columns, as each dialect lists them) and tblVersion, for every dialect alike:
 *   - neither Persistent Chat nor Group Chat: a table every such database has is missing;
 *   - Group Chat 2010: the tables only 2010 has (tblVersion and the others of groupchat2010-schema.md §6.1) or the
 *     2010-only tblNode columns scopeDefinerId / roleDefinerId;
 *   - otherwise Persistent Chat 2013 (or Skype for Business, the same schema).
 * Then every column the reader selects must be there: a missing one is named with its table, before anything is
 * read or written. Undocumented columns (tblNode's audit columns and add-in in 2010) are read only when present.
 * OCS 2007 R2 Group Chat has no published schema; docs/decisions.md (issue 12) says how it is treated.
 */
import { PcmError } from '../core/errors.js';
import type { SchemaKind } from '../core/model.js';

/** Tables every Persistent Chat and Group Chat database has. */
export const CORE_TABLES = ['tblNode', 'tblPrincipal', 'tblChat', 'tblScopePrincipal', 'tblPrincipalRole'] as const;

/** Tables only Group Chat 2010 has (groupchat2010-schema.md §6.1). */
export const GROUPCHAT2010_ONLY_TABLES = [
  'tblVersion', 'tblTree', 'tblPurgedRoles', 'tblPurgedScoped', 'tblLogs', 'tblComplianceTranslator', 'tblLastComplianceID', 'tblComplianceVersion',
] as const;

/** The columns a reader of each schema selects, per table; a source lacking one cannot be read. */
export const READ_COLUMNS: Readonly<Record<SchemaKind, Readonly<Record<string, readonly string[]>>>> = {
  GroupChat2010: {
    tblPrincipalType: ['ptypeID', 'ptypeIsUser', 'ptypeIsFederated'],
    tblPrincipal: [
      'prinID', 'prinGuid', 'prinUri', 'prinName', 'prinCompanyName', 'prinEmail', 'prinADPath', 'prinADUserPrincipalName', 'prinDisabled', 'prinTypeID',
      'prinAddedOn', 'prinUpdatedOn',
    ],
    tblPrincipalAffiliations: ['principalID', 'affiliationID', 'index'],
    tblNode: [
      'nodeID', 'nodeGuid', 'parentID', 'nodeType', 'nodeName', 'nodeDesc', 'topic', 'inheritance', 'scopeChange', 'overrideMember', 'invite', 'logged',
      'filePost', 'disabled', 'behavior', 'visibility', 'scopeDefinerId', 'roleDefinerId',
    ],
    tblEnumValue: ['valueID', 'attributeValue'],
    tblRoleType: ['rtypeID', 'rtypeDesc'],
    tblScopePrincipal: ['scopeNodeID', 'scopePrinID'],
    tblPrincipalRole: ['prinRoleNodeID', 'prinRolePrinID', 'prinRoleTypeID', 'honorsOverride', 'honorsScope'],
    tblSiopWhiteList: ['siopId', 'siopName', 'siopUrl'],
    tblChat: ['channelID', 'chatID', 'chatDate', 'userId', 'isAlert', 'content'],
  },
  PersistentChat2013: {
    tblPrincipal: [
      'prinID', 'prinGuid', 'prinUri', 'prinName', 'prinDisplayName', 'prinCompanyName', 'prinEmail', 'prinADPath', 'prinADUserPrincipalName', 'prinDisabled',
      'prinTypeID', 'prinAddedOn', 'prinUpdatedOn',
    ],
    tblPrincipalAffiliations: ['principalID', 'affiliationID', 'index'],
    tblNode: [
      'nodeID', 'nodeGuid', 'parentID', 'nodeType', 'nodeName', 'nodeDesc', 'invite', 'logged', 'filePost', 'disabled', 'behavior', 'visibility', 'siopID',
      'nodeAddedBy', 'nodeUpdatedBy', 'nodeAddedOn', 'nodeUpdatedOn',
    ],
    tblRoleType: ['rtypeID', 'rtypeDesc'],
    tblScopePrincipal: ['scopeNodeID', 'scopePrinID', 'scopeIsDenied'],
    tblPrincipalRole: ['prinRoleNodeID', 'prinRolePrinID', 'prinRoleTypeID'],
    tblSiopWhiteList: ['siopID', 'siopName', 'siopUrl'],
    tblChat: ['channelId', 'chatId', 'chatDate', 'userId', 'isAlert', 'content', 'rtf'],
  },
};

/** Group Chat 2010 tblNode columns that are not documented: selected only when the source has them. */
export const GROUPCHAT2010_OPTIONAL_NODE_COLUMNS = ['siopId', 'nodeAddedBy', 'nodeAddedOn', 'nodeUpdatedBy', 'nodeUpdatedOn'] as const;

export interface Catalog {
  /** Table names, in any case. */
  readonly tables: readonly string[];
  /** The column names of a table (in any case); empty when there is no such table. */
  columnsOf(table: string): readonly string[];
}

export interface SourceShape {
  readonly schema: SchemaKind;
  /** Per table, the columns present, keyed by lower-case name with the source's own spelling as value. */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The undocumented 2010 tblNode columns present. */
  readonly optionalNodeColumns: readonly string[];
}

export function notAChatDatabase(display: string, problem: string): PcmError {
  return new PcmError(`Cannot open the database ${display}: ${problem}`, { errorId: 'DatabaseOpenFailed', category: 'OpenError', target: display });
}

/** Reads the shape of a database that holds at least one table; throws, naming what is missing, when it cannot be read. */
export function sourceShape(catalog: Catalog, display: string): SourceShape {
  const tables = new Set(catalog.tables.map((t) => t.toLowerCase()));
  const missing = CORE_TABLES.filter((t) => !tables.has(t.toLowerCase()));
  if (missing.length > 0) {
    throw notAChatDatabase(display, `it is not a Persistent Chat or Group Chat database (no table ${missing.join(', ')}).`);
  }
  const columns = new Map<string, Map<string, string>>();
  const columnsOf = (table: string): Map<string, string> => {
    let known = columns.get(table.toLowerCase());
    if (!known) columns.set(table.toLowerCase(), (known = new Map(catalog.columnsOf(table).map((c) => [c.toLowerCase(), c]))));
    return known;
  };
  const node = columnsOf('tblNode');
  const legacyTables = GROUPCHAT2010_ONLY_TABLES.filter((t) => tables.has(t.toLowerCase()));
  const schema: SchemaKind = legacyTables.length > 0 || node.has('scopedefinerid') || node.has('roledefinerid') ? 'GroupChat2010' : 'PersistentChat2013';
  const name = schema === 'GroupChat2010' ? 'Lync Server 2010 Group Chat' : 'Lync Server 2013 Persistent Chat';
  for (const [table, wanted] of Object.entries(READ_COLUMNS[schema])) {
    if (!tables.has(table.toLowerCase())) {
      throw new PcmError(
        `Cannot read the database ${display} as a ${name} database: it has no table ${table}, which Microsoft documents and the export reads. ` +
          'Check that -DBInstance and -DBName name the chat database itself, and that it is not damaged.',
        { errorId: 'SourceTableMissing', category: 'InvalidData', target: display },
      );
    }
    const present = columnsOf(table);
    const absent = wanted.filter((c) => !present.has(c.toLowerCase()));
    if (absent.length > 0) {
      throw new PcmError(
        `Cannot read the database ${display} as a ${name} database: the table ${table} has no column ${absent.join(', ')}, which Microsoft documents ` +
          `and the export reads${schema === 'GroupChat2010' ? ' (an OCS 2007 R2 Group Chat database may differ: see docs/decisions.md)' : ''}. ` +
          'Nothing was read or written. Check that the database is not damaged or of another product version.',
        { errorId: 'SourceColumnMissing', category: 'InvalidData', target: `${table}.${absent[0]}` },
      );
    }
  }
  const optionalNodeColumns = schema === 'GroupChat2010' ? GROUPCHAT2010_OPTIONAL_NODE_COLUMNS.filter((c) => node.has(c.toLowerCase())) : [];
  return { schema, columns, optionalNodeColumns };
}

/** The report's and -Verbose's words for what was found. */
export function describeSource(schema: SchemaKind, version: { id: number; description: string | null } | undefined): string {
  if (schema === 'PersistentChat2013') return 'Lync Server 2013 / Skype for Business Server Persistent Chat (mgc)';
  const row = version ? `tblVersion ${version.id}${version.description ? ` "${version.description}"` : ''}` : 'tblVersion has no row';
  return `Lync Server 2010 Group Chat (${row})`;
}

/**
 * Whether a Group Chat 2010-shaped database's tblVersion confirms 2010. Microsoft publishes no version numbers, so
 * only the description can say it; when it does not, the database may be OCS 2007 R2 (docs/decisions.md, issue 12).
 */
export function versionConfirms2010(version: { id: number; description: string | null } | undefined): boolean {
  return Boolean(version?.description && /2010|lync/i.test(version.description));
}

/** What could not be confirmed about a source, for the export to warn of (both dialects). */
export function sourceWarnings(
  schema: SchemaKind,
  version: { id: number; description: string | null } | undefined,
  unknownRoles: readonly { id: number; desc: string }[],
): string[] {
  const warnings: string[] = [];
  if (schema === 'GroupChat2010' && !versionConfirms2010(version)) {
    warnings.push(
      `The database has Microsoft's documented Lync Server 2010 Group Chat tables and columns, but its tblVersion does not say 2010 (${describeSource(schema, version)}). ` +
        "It may be an OCS 2007 R2 Group Chat database, whose schema Microsoft never published: it is read as Group Chat 2010. Compare the report's counts with the source.",
    );
  }
  for (const u of unknownRoles) warnings.push(`tblRoleType has a role '${u.desc}' (rtypeID ${u.id}) that is not Member, Manager, Voiced or Creator; its grants are not exported.`);
  return warnings;
}
