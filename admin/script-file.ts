/**
 * Writes a generated script safely: never over the configuration store or a folder, never over an existing file
 * without -Force, to a temporary file beside the target that is flushed and then renamed, so a full disk or a crash
 * leaves either the old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PcmError } from '../core/errors.js';
import { configStorePath } from '../store/config/config-location.js';

const BOM = '\ufeff';

function refuse(target: string, message: string, category: 'ResourceExists' | 'InvalidArgument' | 'WriteError' = 'InvalidArgument', cause?: unknown): never {
  throw new PcmError(message, { errorId: 'ScriptNotWritten', category, target, cause });
}

function resolved(p: string): string {
  const absolute = path.resolve(p);
  if (existsSync(absolute)) return realpathSync(absolute);
  const folder = path.dirname(absolute);
  return existsSync(folder) ? path.join(realpathSync(folder), path.basename(absolute)) : absolute;
}

export async function writeScriptFile(fileName: string, content: string, options: { force: boolean; whatIf: boolean }): Promise<{ path: string; bytes: number }> {
  const target = path.resolve(fileName);
  const bytes = Buffer.byteLength(BOM + content, 'utf8');
  const sameFile = process.platform === 'win32' || process.platform === 'darwin' ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  if (sameFile(resolved(target), resolved(configStorePath()))) {
    refuse(target, `'${fileName}' is the configuration store itself; give the script another name.`);
  }
  if (!existsSync(path.dirname(target))) refuse(target, `The folder of '${fileName}' does not exist. Create it, or give a path in an existing folder.`);
  const stat = await lstat(target).catch(() => undefined);
  if (stat?.isDirectory()) refuse(target, `'${fileName}' is a folder; give a file name such as ${path.join(target, 'PersistentChatSettings.ps1')}.`);
  if (stat && !options.force) refuse(target, `The file '${fileName}' exists. Give another name, or add -Force to replace it.`, 'ResourceExists');
  if (options.whatIf) return { path: target, bytes };
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(BOM + content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    refuse(target, `The script '${fileName}' could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ${stat ? 'the existing file is unchanged' : 'no file was left'}.`, 'WriteError', error);
  }
  return { path: target, bytes };
}
