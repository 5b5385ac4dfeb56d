import type { CmdletContext, OutputItem } from '../cmdlet.js';
import type { ExportParams } from '../Export-CsPersistentChatData.js';
export async function* runExport(_params: ExportParams, _context: CmdletContext): AsyncGenerator<OutputItem> {
  throw new Error('not yet');
}
