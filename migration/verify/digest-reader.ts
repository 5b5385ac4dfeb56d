/** The main thread's side of a digest worker: start it, get each room's digest as it comes, stop it. */
import { Worker } from 'node:worker_threads';
import { PcmError, type ErrorCategory } from '../../core/errors.js';
import type { DigestWorkerInput, DigestWorkerMessage } from './digest-worker.js';
import type { RoomDigest } from './message-digest.js';

export function digestRooms(input: DigestWorkerInput, signal: AbortSignal, onRoom: (roomId: number, digest: RoomDigest) => void): Promise<void> {
  const worker = new Worker(new URL('./digest-worker.js', import.meta.url), { workerData: input });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      worker.removeAllListeners();
      void worker.terminate().finally(() => (error === undefined ? resolve() : reject(error)));
    };
    const onAbort = (): void => finish(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: DigestWorkerMessage) => {
      if (message.kind === 'room') onRoom(message.roomId, message.digest);
      else if (message.kind === 'done') finish();
      else finish(new PcmError(message.message, { errorId: message.errorId, category: message.category as ErrorCategory }));
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new PcmError(`The verification's reader thread stopped unexpectedly (exit code ${code}).`, { errorId: 'VerifyWorkerFailed', category: 'ReadError' })));
  });
}
