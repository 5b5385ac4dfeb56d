/**
 * The gate for every cmdlet (DESIGN.md §11): its file is named as it is declared, the registry lists exactly the
 * cmdlet files, its help is complete (synopsis, a description for every parameter, at least one example), every
 * output type has a format view, and some test other than the examples and this one runs it by name.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../../cmdlets/framework/registry.js';
import { REPO_ROOT } from '../module/support/engine.js';

const CMDLET_FILE = /^[A-Z][a-z]+-(Cs|Pcm)[A-Za-z]+\.ts$/;

function testFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('meta: every cmdlet is declared once, registered, documented, viewed and tested', () => {
  const files = readdirSync(join(REPO_ROOT, 'cmdlets')).filter((f) => CMDLET_FILE.test(f));
  const tests = testFiles(join(REPO_ROOT, 'test'))
    .filter((f) => !/examples\.test\.ts$|[\\/]meta[\\/]/.test(f))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const views = readFileSync(join(REPO_ROOT, 'module', 'PersistentChatMigration.format.ps1xml'), 'utf8');

  it('the registry lists exactly the cmdlet files, each declared under its file name', () => {
    assert.deepEqual(registry.map((c) => `${c.declaration.name}.ts`).sort(), [...files].sort());
    assert.equal(new Set(registry.map((c) => c.declaration.name.toLowerCase())).size, registry.length, 'no name twice');
  });

  for (const { declaration } of registry) {
    describe(declaration.name, () => {
      it('has complete help: a synopsis, every parameter described, an example', () => {
        assert.match(declaration.synopsis, /^[A-Z].*\.$/);
        assert.ok(declaration.description.length > 40);
        for (const parameter of declaration.parameters) assert.ok(parameter.description.length > 10, `-${parameter.name}`);
        assert.ok(declaration.examples.length > 0);
      });

      it('declares a format view for each output type, and the generated format file has it', () => {
        for (const output of declaration.outputTypes.filter((o) => !o.typeName.startsWith('System.'))) {
          assert.ok(output.view && (output.view.list?.length || output.view.table?.length), `${output.typeName} has no view in the declaration`);
          for (const typeName of [output.typeName, ...(output.nested ?? []).map((n) => n.typeName)]) assert.ok(views.includes(`<TypeName>${typeName}</TypeName>`), typeName);
        }
      });

      it('is run by name in a test of its own area', () => {
        assert.ok(tests.includes(`'${declaration.name}'`) || tests.includes(`"${declaration.name}"`) || tests.includes(`${declaration.name} `), declaration.name);
      });
    });
  }
});
