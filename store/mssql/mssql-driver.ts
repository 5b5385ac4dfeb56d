/**
 * The thin layer over the mssql package: a Statement (mssql-statements.ts) plus its values becomes a request with
 * every parameter typed (never inferred), run once, streamed with back-pressure, or (for chats) bulk-loaded. Every
 * running request is registered with a RequestTracker, so a cancelled command can stop it on the server.
 */
import mssql from 'mssql';
import { driverOf } from './mssql-driver-choice.js';
import { CHAT_BULK_COLUMNS, CHAT_BULK_TABLE, type ParamType, type Statement } from './mssql-statements.js';

export type Parent = mssql.ConnectionPool | mssql.Transaction;
export type Row = Record<string, unknown>;
export type Values = Readonly<Record<string, unknown>>;

function sqlType(type: ParamType): mssql.ISqlType {
  switch (type) {
    case 'int':
      return mssql.Int();
    case 'smallint':
      return mssql.SmallInt();
    case 'bigint':
      return mssql.BigInt();
    case 'bit':
      return mssql.Bit();
    case 'guid':
      return mssql.UniqueIdentifier();
    case 'text':
      return mssql.NVarChar(mssql.MAX);
    case 'ansitext':
      return mssql.VarChar(mssql.MAX);
    case 'datetime':
      return mssql.DateTime();
  }
}

/** The requests running now, so that an abort can send each an attention (cancel) at once. */
export class RequestTracker {
  readonly #active = new Set<mssql.Request>();

  add(request: mssql.Request): void {
    this.#active.add(request);
  }

  delete(request: mssql.Request): void {
    this.#active.delete(request);
  }

  cancelAll(): void {
    for (const request of this.#active) {
      try {
        request.cancel();
        // A paused stream must read on, or it never sees the server's acknowledgement of the cancel.
        request.resume();
      } catch {
        // noop: the request ended meanwhile
      }
    }
  }
}

/** A request for the statement with each declared parameter bound to its value; a missing or extra value throws. */
export function prepare(parent: Parent, statement: Statement, values: Values): mssql.Request {
  const request = new (driverOf(parent).Request)(parent as mssql.ConnectionPool);
  for (const [name, type] of Object.entries(statement.params)) {
    if (!(name in values)) throw new Error(`${statement.name}: no value for @${name}`);
    request.input(name, sqlType(type), values[name] ?? null);
  }
  for (const name of Object.keys(values)) {
    if (!(name in statement.params)) throw new Error(`${statement.name}: @${name} is not a parameter of the statement`);
  }
  return request;
}

export interface Result {
  readonly rows: Row[];
  readonly rowsAffected: number;
}

export async function execute(parent: Parent, statement: Statement, values: Values, tracker?: RequestTracker): Promise<Result> {
  const request = prepare(parent, statement, values);
  tracker?.add(request);
  try {
    const result = await request.query(statement.sql);
    return { rows: (result.recordset ?? []) as Row[], rowsAffected: result.rowsAffected.reduce((a, b) => a + b, 0) };
  } finally {
    tracker?.delete(request);
  }
}

/**
 * Streams a query's rows in batches of `batchSize`. The request is paused while two batches wait for the consumer
 * and resumed as it catches up, so memory stays flat whatever the table's size. Leaving the loop early cancels the
 * request on the server and waits for it to end, so the connection goes back to the pool clean; aborting `cancel`
 * stops it too, and the next batch then throws the driver's ECANCEL error.
 */
export async function* stream(
  parent: Parent,
  statement: Statement,
  values: Values,
  batchSize: number,
  tracker?: RequestTracker,
  cancel?: AbortSignal,
): AsyncGenerator<Row[]> {
  const request = prepare(parent, statement, values);
  request.stream = true;
  const queue: Row[] = [];
  let done = false;
  let paused = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  request.on('row', (row: Row) => {
    queue.push(row);
    if (queue.length >= batchSize * 2 && !paused) paused = request.pause();
    if (queue.length >= batchSize) notify();
  });
  request.on('error', (error: unknown) => {
    failure ??= error;
    notify();
  });
  request.on('done', () => {
    done = true;
    notify();
  });
  const onCancel = (): void => {
    try {
      request.cancel();
      request.resume();
    } catch {
      // noop: it ended meanwhile
    }
  };
  cancel?.addEventListener('abort', onCancel, { once: true });
  tracker?.add(request);
  request.query(statement.sql).catch((error: unknown) => {
    failure ??= error;
    done = true;
    notify();
  });
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      if (queue.length >= batchSize || (done && queue.length > 0)) {
        const batch = queue.splice(0, batchSize);
        if (paused && queue.length < batchSize) paused = !request.resume();
        yield batch;
        continue;
      }
      if (done) return;
      if (paused) paused = !request.resume();
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!done) {
      try {
        request.cancel();
      } catch {
        // noop: it ended meanwhile
      }
      request.resume();
      // Rows still arriving are dropped; the request ends with ECANCEL (or done) within a round trip.
      queue.length = 0;
      request.removeAllListeners('row');
      request.on('row', () => undefined);
      await new Promise<void>((resolve) => {
        if (done) return resolve();
        const timer = setTimeout(resolve, 30000);
        request.once('done', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    cancel?.removeEventListener('abort', onCancel);
    tracker?.delete(request);
  }
}

/** One chat row for the bulk load, in CHAT_BULK_COLUMNS order. */
export type ChatRow = readonly [room: number, chatId: bigint, date: bigint, userId: number, isAlert: boolean, content: string, rtf: string | null];

/**
 * Loads chat rows into dbo.tblChat with the TDS bulk load (INSERT BULK), in the caller's transaction. Constraints
 * are checked, triggers fired and a NULL stays NULL (not a column default), as an INSERT would: that also keeps the
 * permission needed at INSERT on the table (bypassing constraints or triggers would need ALTER).
 */
export async function bulkInsertChats(parent: Parent, rows: readonly ChatRow[], tracker?: RequestTracker): Promise<number> {
  const table = new mssql.Table(CHAT_BULK_TABLE);
  table.create = false;
  for (const column of CHAT_BULK_COLUMNS) table.columns.add(column.name, sqlType(column.type), { nullable: column.nullable });
  for (const row of rows) table.rows.add(...(row as unknown as (string | number | boolean | null)[]));
  const request = new (driverOf(parent).Request)(parent as mssql.ConnectionPool);
  tracker?.add(request);
  try {
    const result = await request.bulk(table, { checkConstraints: true, fireTriggers: true, keepNulls: true });
    return result.rowsAffected;
  } finally {
    tracker?.delete(request);
  }
}
