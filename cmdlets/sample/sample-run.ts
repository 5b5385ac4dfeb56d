import type { CmdletContext, OutputItem } from '../cmdlet.js';
import type { SampleParams } from '../New-PcmSampleDatabase.js';
export async function* runSample(_params: SampleParams, _context: CmdletContext): AsyncGenerator<OutputItem> {
  throw new Error('not yet');
}
