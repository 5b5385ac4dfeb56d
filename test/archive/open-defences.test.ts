/**
 * PackageReader.open's defences that need no process (issue 16): it stops listing a central directory as soon as its
 * signal is aborted (Ctrl+C, SIGTERM), and it holds the whole package to the compression ratio, not only parts over
 * 1 MiB, so many small parts cannot add up to a bomb.
 */
import assert from 'node:assert/strict';
import { PackageReader } from '../../archive/package-reader.js';
import { PackageError } from '../../core/errors.js';
import { messageRecord, packageOf, partDocument, zipOfEmptyEntries, type Entry } from './support/package-builder.js';

const partName = (n: number): string => `Messages-${String(n).padStart(6, '0')}.xml`;

describe('archive: opening a package', function () {
  this.timeout(60000);

  it('stops reading a central directory of 150,000 entries when its signal is aborted', async function () {
    const bytes = zipOfEmptyEntries(Array.from({ length: 150_000 }, (_, i) => partName(i + 1)));
    const controller = new AbortController();
    const reason = new Error('stopped by the test');
    const opening = PackageReader.open({ bytes, label: 'many.zip' }, undefined, controller.signal);
    // One turn of the event loop: the listing (one read per entry) has only begun.
    setImmediate(() => controller.abort(reason));
    await assert.rejects(opening, (error: unknown) => {
      assert.equal(error, reason, `expected the abort, got ${String(error)}`);
      return true;
    });
  });

  it('refuses many small parts that together expand more than the ratio allows', async function () {
    // Eight parts of 1 MiB of one letter: each under the size where a single part's ratio is checked.
    const text = 'a'.repeat(1024 * 1024 - 400);
    const parts: Entry[] = Array.from({ length: 8 }, (_, i) => ({ name: partName(i + 1), data: partDocument(partName(i + 1), [messageRecord({ chatId: String(i + 1) }, text)]) }));
    const bytes = await packageOf(parts);
    await assert.rejects(PackageReader.open({ bytes, label: 'small-bombs.zip' }), (error: unknown) => {
      assert.ok(error instanceof PackageError, String(error));
      assert.match(error.message, /the package expands \d+ times \(\d+ bytes from \d+\), over the limit of 200/);
      assert.equal(error.category, 'LimitsExceeded');
      return true;
    });
  });
});
