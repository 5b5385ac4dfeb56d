/**
 * The targets the hostile-package tests import into: a Persistent Chat database that already holds data (made by
 * New-PcmSampleDatabase), copied afresh for each run so that runs can go side by side, and the checks that a refused
 * import left it byte for byte as it was, with no journal or other file beside it.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cmdlet as newSample } from '../../../cmdlets/New-PcmSampleDatabase.js';
import { fileHash } from '../../migration/support/sql.js';
import { filesOf } from '../../support/db-files.js';
import { runCmdlet } from '../../support/recording-context.js';
import { tempDir } from '../../support/temp.js';

export interface Targets {
  readonly dir: string;
  /** The populated target every copy is made from. */
  readonly original: string;
  readonly hash: string;
  /** A fresh copy of the populated target. */
  copy(name: string): string;
  /** A path in a folder of its own where no database exists. */
  missing(name: string): string;
}

export async function makeTargets(prefix: string): Promise<Targets> {
  const dir = tempDir(prefix);
  const original = join(dir, 'populated.db');
  await runCmdlet(newSample, { DBInstance: `sqlite:${original}`, Schema: 'PersistentChat2013', Messages: 300, Users: 30, Rooms: 12, Seed: 3 });
  let n = 0;
  const slug = (name: string): string => `${++n}-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`;
  return {
    dir,
    original,
    hash: fileHash(original),
    copy(name) {
      const path = join(dir, `${slug(name)}.db`);
      copyFileSync(original, path);
      return path;
    },
    missing(name) {
      return join(tempDir(`${prefix}missing-`), `${slug(name)}.db`);
    },
  };
}

export function assertUntouched(db: string, hash: string): void {
  assert.equal(fileHash(db), hash, 'the target database changed');
  assert.deepEqual(filesOf(db), [basename(db)], 'files were left beside the target');
}

export function assertNothingCreated(db: string): void {
  assert.deepEqual(filesOf(db), [], 'a refused import left a database (or a journal) behind');
}
