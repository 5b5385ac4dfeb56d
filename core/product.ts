/** The product's name and version (from package.json, read once next to the compiled tree). */
import { readFileSync } from 'node:fs';

export const PRODUCT_NAME = 'PersistentChatMigration';

function readVersion(): string {
  try {
    const url = new URL('../../package.json', import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const PRODUCT_VERSION = readVersion();
