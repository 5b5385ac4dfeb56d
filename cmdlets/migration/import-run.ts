import type { CmdletContext, OutputItem } from '../cmdlet.js';
import type { ImportParams } from '../Import-CsPersistentChatData.js';
export async function* runImport(_params: ImportParams, _context: CmdletContext): AsyncGenerator<OutputItem> {
  throw new Error('not yet');
}
