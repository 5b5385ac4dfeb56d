/**
 * The documented examples of the directory cmdlets (categories, rooms, messages, add-ins), run through the `pcm`
 * command line as child processes against a pool registered over a migrated sample, the way a scheduled task runs
 * them. Each example's PowerShell text is split into arguments as PowerShell would bind them (quoted strings,
 * `@{...}` list changes as one word, `$True`). pcm has no object pipeline, so the examples that pipe one cmdlet into
 * another run in the PowerShell suite only (test/module/examples.test.ts, which runs every example). Every command
 * here must exit 0.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { registry } from '../../cmdlets/framework/registry.js';
import { migratedPool, type MigratedPool } from '../admin/support/migrated-pool.js';
import { pcm } from '../support/pcm-process.js';

const POOL = 'atl-pc-001.litwareinc.com';
const NOUNS = /^(Get|New|Set|Remove|Clear)-CsPersistentChat(Category|Room|Message|Addin)$/;
/** Categories first (rooms need them), then rooms, their content, add-ins; within a noun Microsoft's verb order. */
const NOUN_ORDER = ['Category', 'Room', 'Message', 'Addin'];
const VERB_ORDER = ['Get', 'New', 'Set', 'Clear', 'Remove'];

/** PowerShell's words of one command: "quoted text", 'quoted text', @{...} and bare words. */
export function commandWords(code: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < code.length) {
    const ch = code[i]!;
    if (ch === ' ') {
      i++;
      continue;
    }
    let word = '';
    while (i < code.length && code[i] !== ' ') {
      const c = code[i]!;
      if (c === '"' || c === "'") {
        const end = code.indexOf(c, i + 1);
        word += code.slice(i + 1, end);
        i = end + 1;
      } else if (c === '@' && code[i + 1] === '{') {
        const end = code.indexOf('}', i);
        word += code.slice(i, end + 1);
        i = end + 1;
      } else {
        word += c;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

describe('pcm: the directory cmdlets\' documented examples, as child processes', function () {
  this.timeout(300000);
  let fixture: MigratedPool | undefined;
  let kenMyer = '';

  before(async () => {
    fixture = await migratedPool(POOL, 1500, 'pcm-directory-examples-');
    const db = new Database(fixture.db, { readonly: true });
    try {
      kenMyer = (db.prepare("SELECT prinUri AS u FROM tblPrincipal WHERE prinTypeID = 5 AND prinUri LIKE 'sip:%' ORDER BY prinID LIMIT 1").get() as { u: string }).u;
    } finally {
      db.close();
    }
  });

  after(() => fixture?.restore());

  it('splits PowerShell text into the words PowerShell binds', () => {
    assert.deepEqual(commandWords('Set-X -Identity "a\\b c" -Members @{Add="sip:x@y"; Remove=\'z\'} -Disabled $True'), ['Set-X', '-Identity', 'a\\b c', '-Members', '@{Add="sip:x@y"; Remove=\'z\'}', '-Disabled', '$True']);
  });

  const rank = (name: string): number => {
    const [, verb, noun] = NOUNS.exec(name)!;
    return NOUN_ORDER.indexOf(noun!) * 10 + VERB_ORDER.indexOf(verb!);
  };
  const declarations = registry.map((c) => c.declaration).filter((d) => NOUNS.test(d.name)).sort((a, b) => rank(a.name) - rank(b.name));

  it('covers the 14 directory cmdlets', () => {
    assert.equal(declarations.length, 14, declarations.map((d) => d.name).join(', '));
  });

  for (const declaration of declarations) {
    declaration.examples.forEach((example, i) => {
      if (example.code.includes('|')) return;
      it(`${declaration.name} example ${i + 1}: ${example.title}`, async function () {
        const words = commandWords(example.code.replaceAll('sip:kenmyer@litwareinc.com', kenMyer));
        // Nothing in a scheduled task answers a prompt: a command that would ask is told not to, as the docs do.
        if (declaration.confirmImpact === 'High' && !words.some((w) => /^-Confirm/i.test(w))) words.push('-Confirm:$false');
        const result = await pcm(words, { env: { PCM_CONFIG_STORE: process.env.PCM_CONFIG_STORE } });
        assert.equal(result.status, 0, `${words.join(' ')}\n${result.stderr}`);
      });
    });
  }
});
