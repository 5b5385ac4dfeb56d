/**
 * The directory facet's writes, written once over named statements (directory-statements.ts) for every dialect:
 * a dialect's writer hands over a StatementRunner for its open transaction and the database's role type ids, and
 * delegates to this. Id assignment (an insert's new nodeID), bulk chat loading and paging stay with the dialects.
 */
import type { Addin, RoleEntry, ScopeEntry } from '../../core/model.js';
import {
  DELETE_ADDIN,
  DELETE_ROLES,
  DELETE_SCOPES,
  INSERT_ADDIN,
  insertRoles,
  insertScopes,
  REMOVE_NODE,
  setNodesDisabled,
  UPDATE_ADDIN,
} from './directory-statements.js';
import { chunks, IDS_PER_UPDATE, ROWS_PER_INSERT, type StatementRunner } from './statement.js';

export class DirectoryWrites {
  readonly #runner: StatementRunner;
  readonly #roleTypeId: (role: RoleEntry['role']) => number;

  constructor(runner: StatementRunner, roleTypeId: (role: RoleEntry['role']) => number) {
    this.#runner = runner;
    this.#roleTypeId = roleTypeId;
  }

  /** Inserts or replaces an add-in by its id (GUIDs are kept in lower case). */
  async putAddin(addin: Addin): Promise<void> {
    const values = { id: addin.id.toLowerCase(), name: addin.name, url: addin.url };
    if ((await this.#runner.run(UPDATE_ADDIN, values)) === 0) await this.#runner.run(INSERT_ADDIN, values);
  }

  async removeAddin(id: string): Promise<void> {
    await this.#runner.run(DELETE_ADDIN, { id: id.toLowerCase() });
  }

  async replaceScopes(nodeId: number, entries: readonly Omit<ScopeEntry, 'nodeId'>[]): Promise<void> {
    await this.#runner.run(DELETE_SCOPES, { node: nodeId });
    for (const chunk of chunks(entries, ROWS_PER_INSERT)) {
      const values: Record<string, unknown> = { node: nodeId };
      chunk.forEach((e, i) => Object.assign(values, { [`p${i}`]: e.principalId, [`d${i}`]: e.denied }));
      await this.#runner.run(insertScopes(chunk.length), values);
    }
  }

  async replaceRoles(nodeId: number, entries: readonly Omit<RoleEntry, 'nodeId'>[]): Promise<void> {
    await this.#runner.run(DELETE_ROLES, { node: nodeId });
    for (const chunk of chunks(entries, ROWS_PER_INSERT)) {
      const values: Record<string, unknown> = { node: nodeId };
      chunk.forEach((e, i) => Object.assign(values, { [`p${i}`]: e.principalId, [`t${i}`]: this.#roleTypeId(e.role) }));
      await this.#runner.run(insertRoles(chunk.length), values);
    }
  }

  /** Deletes a node and what refers to it; the caller has removed its children and flushed any buffered chats. */
  async removeNode(id: number): Promise<void> {
    for (const statement of REMOVE_NODE) await this.#runner.run(statement, { node: id });
  }

  async setNodesDisabled(nodeIds: readonly number[], disabled: boolean): Promise<void> {
    for (const chunk of chunks(nodeIds, IDS_PER_UPDATE)) {
      const values: Record<string, unknown> = { disabled };
      chunk.forEach((id, i) => (values[`n${i}`] = id));
      await this.#runner.run(setNodesDisabled(chunk.length), values);
    }
  }
}
