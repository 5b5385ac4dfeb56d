/**
 * One SQL Server transaction on one pooled connection, as MssqlStore.transaction() uses it. Requests are queued and
 * run one at a time (a connection serves one request at a time; the writer and the reads that join the transaction
 * share it). Every write is kept in a journal: when SQL Server picks the transaction as a deadlock victim or its
 * connection breaks, the server has rolled everything back, so the scope waits (backoff with jitter), begins a new
 * transaction, replays the journal and runs the failed request again; the caller never notices. Replay is possible
 * because the writer assigns every id itself; after a statement where the server chose a value (an IDENTITY) the
 * transaction can no longer be replayed, nor once the journal outgrows its budget, and such a failure is reported.
 * SET XACT_ABORT ON (mssql-config.ts) makes any error or cancel roll the whole transaction back on the server.
 */
import mssql from 'mssql';
import { driverOf } from './mssql-driver-choice.js';
import { bulkInsertChats, execute, type ChatRow, type RequestTracker, type Result, type Values } from './mssql-driver.js';
import { isRetryable, requestError, type ErrorSite } from './mssql-errors.js';
import { DEFAULT_RETRY, pause, retryDelay, type RetryPolicy } from './mssql-retry.js';
import { valuesBytes } from './mssql-rows.js';
import type { Statement } from './mssql-statements.js';

export interface ScopeContext {
  readonly pool: mssql.ConnectionPool;
  readonly site: ErrorSite;
  readonly tracker: RequestTracker;
  readonly signal?: AbortSignal;
  readonly policy?: RetryPolicy;
  /** Bytes of writes kept for a replay; beyond it a deadlock is reported instead of retried. */
  readonly journalBudget?: number;
}

type JournalEntry = { readonly statement: Statement; readonly values: Values } | { readonly rows: readonly ChatRow[] };

export const DEFAULT_JOURNAL_BUDGET = 64 * 1024 * 1024;

export class TransactionScope {
  readonly #ctx: ScopeContext;
  #tx: mssql.Transaction | undefined;
  /** The server rolled the transaction back (XACT_ABORT, a deadlock, a lost connection): nothing to roll back here. */
  #serverRolledBack = false;
  #finished = false;
  #journal: JournalEntry[] = [];
  #journalBytes = 0;
  #replayable = true;
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(ctx: ScopeContext) {
    this.#ctx = ctx;
  }

  static async begin(ctx: ScopeContext): Promise<TransactionScope> {
    const scope = new TransactionScope(ctx);
    await scope.#recovering('BEGIN TRANSACTION', 'write', () => scope.#open());
    return scope;
  }

  /** Runs a statement inside the transaction; writes are journaled for a replay. */
  execute(statement: Statement, values: Values): Promise<Result> {
    return this.#serial(() =>
      this.#recovering(statement.name, statement.effect, async () => {
        const result = await execute(this.#transaction(), statement, values, this.#ctx.tracker);
        if (statement.effect === 'write') this.#record({ statement, values }, valuesBytes(values), statement.replayable !== false);
        return result;
      }),
    );
  }

  /** Bulk-loads chat rows inside the transaction; journaled like a write. */
  bulkChats(rows: readonly ChatRow[]): Promise<void> {
    return this.#serial(() =>
      this.#recovering('BULK_INSERT_CHATS', 'write', async () => {
        await bulkInsertChats(this.#transaction(), rows, this.#ctx.tracker);
        this.#record({ rows }, rows.reduce((n, r) => n + 48 + r[5].length * 2 + (r[6]?.length ?? 0), 0), true);
      }),
    );
  }

  commit(): Promise<void> {
    return this.#serial(async () => {
      const tx = this.#transaction();
      this.#finished = true;
      try {
        await tx.commit();
      } catch (error) {
        // A failed COMMIT is not retried: whether it took effect cannot be known. An import run again resumes.
        throw requestError(error, 'COMMIT', this.#ctx.site);
      } finally {
        this.#journal = [];
      }
    });
  }

  /** Rolls back unless the server already did; never throws (the caller is already handling a failure). */
  rollback(): Promise<void> {
    return this.#serial(async () => {
      this.#finished = true;
      this.#journal = [];
      await this.#discard();
    });
  }

  #serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(op);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  #transaction(): mssql.Transaction {
    if (!this.#tx || this.#finished) throw new Error('The transaction has ended.');
    return this.#tx;
  }

  async #open(): Promise<void> {
    const tx = new (driverOf(this.#ctx.pool).Transaction)(this.#ctx.pool);
    tx.on('rollback', (aborted: boolean) => {
      if (aborted && this.#tx === tx) this.#serverRolledBack = true;
    });
    await tx.begin();
    this.#tx = tx;
    this.#serverRolledBack = false;
  }

  async #discard(): Promise<void> {
    const tx = this.#tx;
    this.#tx = undefined;
    if (!tx || this.#serverRolledBack) return;
    try {
      await tx.rollback();
    } catch {
      // noop: the connection broke or the server ended the transaction; either way nothing stays open
    }
  }

  #record(entry: JournalEntry, bytes: number, replayable: boolean): void {
    if (!this.#replayable) return;
    this.#journalBytes += bytes;
    if (!replayable || this.#journalBytes > (this.#ctx.journalBudget ?? DEFAULT_JOURNAL_BUDGET)) {
      this.#replayable = false;
      this.#journal = [];
      return;
    }
    this.#journal.push(entry);
  }

  /** Runs op; after a retryable failure, restarts the transaction, replays the journal and runs op again. */
  async #recovering<T>(name: string, effect: 'read' | 'write', op: () => Promise<T>): Promise<T> {
    const policy = this.#ctx.policy ?? DEFAULT_RETRY;
    let restart = false;
    for (let attempt = 1; ; attempt++) {
      try {
        if (restart) await this.#restart();
        restart = false;
        return await op();
      } catch (error) {
        if (!isRetryable(error) || !this.#replayable || attempt >= policy.attempts || this.#ctx.signal?.aborted) {
          throw requestError(error, name, this.#ctx.site, effect);
        }
        restart = true;
        await pause(retryDelay(attempt, policy), this.#ctx.signal);
      }
    }
  }

  async #restart(): Promise<void> {
    await this.#discard();
    await this.#open();
    const tx = this.#transaction();
    for (const entry of this.#journal) {
      if ('rows' in entry) await bulkInsertChats(tx, entry.rows, this.#ctx.tracker);
      else await execute(tx, entry.statement, entry.values, this.#ctx.tracker);
    }
  }
}
