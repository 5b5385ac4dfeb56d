/**
 * npm run bench:open [-- --runs R]
 *
 * Opening a package is linear in its parts (issue 16: it was quadratic, 40,000 parts in 31 s). Builds two valid
 * packages in memory, of 4,000 and of 40,000 message parts (one message each), and times PackageReader.open (the
 * central directory listed and checked, the manifest read and every part matched against it) R times each,
 * interleaved, in this process. Prints the medians and, as its last line, one JSON object with the ratio of the
 * 40,000-part time to the 4,000-part time: about 10 for linear work, about 100 for quadratic.
 */
import { PackageReader } from '../archive/package-reader.js';
import { messageRecord, packageOf, partDocument, type Entry } from '../test/archive/support/package-builder.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const runs = Math.max(1, Number(option('runs', '5')));
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const partName = (n: number): string => `Messages-${String(n).padStart(6, '0')}.xml`;

function packageOfParts(count: number): Promise<Buffer> {
  const parts: Entry[] = Array.from({ length: count }, (_, i) => ({ name: partName(i + 1), data: partDocument(partName(i + 1), [messageRecord({ chatId: String(i + 1) }, `message ${i + 1}`)]) }));
  return packageOf(parts, { counts: { messages: count } });
}

async function timeOpen(bytes: Buffer): Promise<number> {
  const started = performance.now();
  const reader = await PackageReader.open({ bytes, label: 'bench.zip' });
  const seconds = (performance.now() - started) / 1000;
  reader.close();
  return seconds;
}

const small = await packageOfParts(4000);
const large = await packageOfParts(40000);
const times = { small: [] as number[], large: [] as number[] };
await timeOpen(small); // warm-up: module loading and JIT
for (let r = 0; r < runs; r++) {
  times.small.push(await timeOpen(small));
  times.large.push(await timeOpen(large));
}
const result = { parts4k: median(times.small), parts40k: median(times.large), ratio: median(times.large) / median(times.small), runs };
console.log(`open  4,000 parts: ${result.parts4k.toFixed(3)} s (median of ${runs})`);
console.log(`open 40,000 parts: ${result.parts40k.toFixed(3)} s (median of ${runs})`);
console.log(JSON.stringify(result));
