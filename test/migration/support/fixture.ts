/** Sample databases and packages for migration tests, made by the product's own cmdlets. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmdlet as exportData } from '../../../cmdlets/Export-CsPersistentChatData.js';
import { cmdlet as newSample } from '../../../cmdlets/New-PcmSampleDatabase.js';
import { PackageReader } from '../../../archive/package-reader.js';
import { runCmdlet } from '../../support/recording-context.js';
import { tempDir } from '../../support/temp.js';

export interface Sample {
  readonly dir: string;
  readonly db: string;
}

export async function makeSample(schema: 'GroupChat2010' | 'PersistentChat2013' = 'GroupChat2010', messages = 1500): Promise<Sample> {
  const dir = tempDir();
  const db = join(dir, 'source.db');
  await runCmdlet(newSample, { DBInstance: `sqlite:${db}`, Schema: schema, Messages: messages, Users: 40, Rooms: 24, Seed: 5 });
  return { dir, db };
}

/** A copy of a database, for tests that change it. */
export function copyDb(from: string, dir: string, name: string): string {
  const to = join(dir, name);
  copyFileSync(from, to);
  return to;
}

export async function exportTo(db: string, zip: string, parameters: Record<string, unknown> = {}): Promise<Awaited<ReturnType<typeof runCmdlet>>> {
  return runCmdlet(exportData, { DBInstance: `sqlite:${db}`, FileName: zip, ...parameters });
}

/** Every record of every part, by part name (small packages only). */
export async function readPackage(zip: string): Promise<Map<string, { name: string; attributes: Record<string, string>; children: unknown[] }[]>> {
  const reader = await PackageReader.open({ path: zip });
  try {
    const parts = new Map<string, { name: string; attributes: Record<string, string>; children: unknown[] }[]>();
    for (const part of reader.manifest.parts) {
      const records: { name: string; attributes: Record<string, string>; children: unknown[] }[] = [];
      for await (const batch of reader.records(part.name)) records.push(...(batch as never[]));
      parts.set(part.name, records);
    }
    return parts;
  } finally {
    reader.close();
  }
}
