/** Drains a batched stream into one array (for sources bounded by the directory size, never by messages). */
export async function collect<T>(source: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const batch of source) for (const item of batch) all.push(item);
  return all;
}
