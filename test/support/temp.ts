/** Temporary folders for tests: each test file gets its own, removed at the end of the run. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function tempDir(prefix = 'pcm-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

process.on('exit', () => {
  if (process.env.PCM_KEEP_TEMP) return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
