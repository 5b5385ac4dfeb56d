/**
 * Tables as data, in SQL Server's types: the one description both dialects' DDL and the static T-SQL check are made
 * from. A column spec reads `name TYPE[ NOT NULL][ DEFAULT x][ REFERENCES table(column)]`; notes say where Microsoft's
 * documentation is silent or was read with a choice, and travel into the DDL as comments.
 */

/** Every SQL Server type the schemas use; anything else in a column spec is a typo and throws at load time. */
const TYPES = ['SMALLINT', 'INT', 'BIGINT', 'BIT', 'UNIQUEIDENTIFIER', 'DATETIME', 'DATETIME2', 'SMALLDATETIME', 'IMAGE', 'NVARCHAR(MAX)', 'VARCHAR(MAX)'];
const SIZED = /^NVARCHAR\((\d{1,4})\)$/;

export interface ColumnDef {
  readonly name: string;
  /** Upper-case T-SQL type, e.g. NVARCHAR(256), BIGINT. */
  readonly type: string;
  readonly nullable: boolean;
  /** A T-SQL constant expression, e.g. 0 or N''. */
  readonly default?: string;
  readonly references?: { readonly table: string; readonly column: string };
  /** Why the column is as it is where the documentation does not say (undocumented, or a choice). */
  readonly note?: string;
}

export interface TableDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
  readonly unique: readonly string[];
  /** Non-unique indexes; those not mirroring a documented key are ours (docs/decisions.md). */
  readonly indexes: readonly { readonly name: string; readonly columns: readonly string[] }[];
  readonly note?: string;
}

const COLUMN = /^(\w+) ([A-Z0-9()]+)( NOT NULL)?(?: DEFAULT (\S+))?(?: REFERENCES (\w+)\((\w+)\))?$/;

function column(spec: string, note: string | undefined): ColumnDef {
  const m = COLUMN.exec(spec);
  if (!m) throw new Error(`schema: cannot read the column spec '${spec}'`);
  const [, name, type, notNull, def, refTable, refColumn] = m as unknown as [string, string, string, string | undefined, string | undefined, string | undefined, string | undefined];
  const sized = SIZED.exec(type);
  if (!TYPES.includes(type) && !(sized && Number(sized[1]) >= 1 && Number(sized[1]) <= 4000)) {
    throw new Error(`schema: unknown type '${type}' in '${spec}'`);
  }
  return {
    name,
    type,
    nullable: !notNull,
    ...(def === undefined ? {} : { default: def }),
    ...(refTable === undefined ? {} : { references: { table: refTable, column: refColumn! } }),
    ...(note === undefined ? {} : { note }),
  };
}

export interface TableKeys {
  pk?: string[];
  unique?: string[];
  indexes?: [string, string[]][];
  /** Notes per column name. */
  notes?: Record<string, string>;
  note?: string;
}

export function table(name: string, specs: readonly string[], keys: TableKeys = {}): TableDef {
  const columns = specs.map((spec) => column(spec, keys.notes?.[spec.split(' ')[0]!]));
  for (const noted of Object.keys(keys.notes ?? {})) {
    if (!columns.some((c) => c.name === noted)) throw new Error(`schema: a note for ${name}.${noted}, which the table does not have`);
  }
  return {
    name,
    columns,
    primaryKey: keys.pk ?? [],
    unique: keys.unique ?? [],
    indexes: (keys.indexes ?? []).map(([indexName, cols]) => ({ name: indexName, columns: cols })),
    ...(keys.note === undefined ? {} : { note: keys.note }),
  };
}
