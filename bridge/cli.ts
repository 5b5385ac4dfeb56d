#!/usr/bin/env node
/**
 * `pcm`: the cmdlets on the command line, `pcm <Verb-Noun> -Parameter value ...` (DESIGN §5). `pcm --help` lists
 * them, `pcm <Verb-Noun> -?` shows one's help. Everything is in cli-main.ts; this file only runs it.
 */
import { runCli } from './cli-main.js';

let code: number;
try {
  code = await runCli(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`pcm: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  code = 1;
}
process.exitCode = code;
// Something a cmdlet left open (a connection pool, a timer) must not keep a scheduled task running.
setTimeout(() => process.exit(code), 1000).unref();
