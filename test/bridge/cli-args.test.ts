import assert from 'node:assert/strict';
import { bindParameters } from '../../cmdlets/framework/binding.js';
import { findCmdlet } from '../../cmdlets/framework/registry.js';
import { ParameterValueError, PcmError, UsageError } from '../../core/errors.js';
import { needsConfirmation, parseCommandLine, STDIN, type CliRequest } from '../../bridge/cli-args.js';

type RunRequest = Extract<CliRequest, { kind: 'run' }>;

function run(...argv: string[]): RunRequest {
  const request = parseCommandLine(argv);
  assert.equal(request.kind, 'run');
  return request as RunRequest;
}

/** Parses, then binds as invokeCmdlet does: the values run() would receive. */
function bound(...argv: string[]): Record<string, unknown> {
  const request = run(...argv);
  return bindParameters(request.cmdlet.declaration, request.named, request.positional).values;
}

/** The error parsing and binding give: a UsageError (exit 2), or a ParameterValueError for a bad value (exit 1). */
function usageError(argv: string[], errorId: string, ...fragments: (string | RegExp)[]): PcmError {
  let caught: unknown;
  try {
    const request = parseCommandLine(argv);
    if (request.kind === 'run') bindParameters(request.cmdlet.declaration, request.named, request.positional);
  } catch (error) {
    caught = error;
  }
  const expected = errorId === 'ParameterArgumentValidationError' && !argv.some((a) => /^-OutputFormat$|^-ErrorAction$/i.test(a)) ? ParameterValueError : UsageError;
  assert.ok(caught instanceof expected, `expected a ${expected.name} for ${argv.join(' ')}, got ${String(caught)}`);
  assert.equal(caught.errorId, errorId, caught.message);
  for (const fragment of fragments) {
    if (typeof fragment === 'string') assert.ok(caught.message.includes(fragment), `'${fragment}' not in: ${caught.message}`);
    else assert.match(caught.message, fragment);
  }
  return caught;
}

describe('cli-args: PowerShell-style arguments', () => {
  it('finds cmdlets and parameters whatever their case, and hands the declared names to the binder', () => {
    const request = run('export-cspersistentchatdata', '-dbinstance', 'sql01\\rtc', '-FILENAME', 'out.zip', '-level', 'roomdirectory');
    assert.equal(request.cmdlet.declaration.name, 'Export-CsPersistentChatData');
    assert.deepEqual(request.named, [
      ['DBInstance', 'sql01\\rtc'],
      ['FileName', 'out.zip'],
      ['Level', 'roomdirectory'],
    ]);
    const values = bindParameters(request.cmdlet.declaration, request.named, request.positional).values;
    assert.equal(values.Level, 'RoomDirectory');
  });

  it('takes -Param:value and --Param value, keeping values with spaces, = and colons as they are', () => {
    const values = bound('Export-CsPersistentChatData', '-DBInstance:sqlite:C:\\pc\\a b.db', '--FileName', 'x=y: z.zip', '--Report:r.html');
    assert.equal(values.DBInstance, 'sqlite:C:\\pc\\a b.db');
    assert.equal(values.FileName, 'x=y: z.zip');
    assert.equal(values.Report, 'r.html');
  });

  it('accepts unambiguous prefixes and rejects ambiguous ones, naming the candidates', () => {
    const values = bound('Export-CsPersistentChatData', '-DBI', 'a', '-Fi', 'b.zip', '-Sc', 'Sales', '-Disable');
    assert.equal(values.DBInstance, 'a');
    assert.equal(values.FileName, 'b.zip');
    assert.deepEqual(values.Scope, ['Sales']);
    assert.equal(values.DisableExportedNodes, true);
    usageError(['Export-CsPersistentChatData', '-D', 'a'], 'AmbiguousParameter', '-DBInstance', '-DBName', '-DisableExportedNodes');
    // The common parameters share the table: -L could be -Level or -LogPath.
    usageError(['Export-CsPersistentChatData', '-L', 'a'], 'AmbiguousParameter', '-Level', '-LogPath');
  });

  it('reads a switch without a value, and -Switch:$false / -Switch:$true / -Switch: $false as PowerShell does', () => {
    const request = run('Export-CsPersistentChatData', '-DBInstance', 'a', '-PassThru', 'positional');
    assert.deepEqual(request.named.find(([n]) => n === 'PassThru'), ['PassThru', true]);
    assert.deepEqual(request.positional, ['positional'], 'a switch must not take the next token as its value');
    assert.equal(bound('Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-PassThru:$false').PassThru, false);
    assert.equal(bound('Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-passthru:$TRUE').PassThru, true);
    assert.equal(bound('Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-PassThru:', '$false').PassThru, false);
    usageError(['Export-CsPersistentChatData', '-PassThru:maybe'], 'ParameterArgumentValidationError', '$true or $false');
  });

  it('explains -Switch: with nothing after it (a Unix shell ate $false)', () => {
    usageError(['Import-CsPersistentChatData', '-DBInstance', 'a', '-Confirm:', '-FileName', 'f'], 'MissingArgument', "'-Confirm:$false'", '-Confirm:false');
  });

  it('reads negative numbers as values, named or positional', () => {
    assert.equal(bound('New-PcmSampleDatabase', 'sqlite:x.db', '-Seed', '-5').Seed, -5);
    assert.equal(bound('New-PcmSampleDatabase', '-Seed', '-5', '-DBInstance', '-1').DBInstance, '-1');
    usageError(['New-PcmSampleDatabase', 'sqlite:x.db', '-Messages', '-5'], 'ParameterArgumentValidationError', '0 to 100000000');
  });

  it('binds positional values by position', () => {
    const values = bound('New-PcmSampleDatabase', 'sqlite:x.db', '-Schema', 'persistentchat2013');
    assert.equal(values.DBInstance, 'sqlite:x.db');
    assert.equal(values.Schema, 'PersistentChat2013');
    usageError(['New-PcmSampleDatabase', 'sqlite:x.db', 'extra'], 'PositionalParameterNotFound', "'extra'");
  });

  it('takes arrays as a,b, as repeated parameters and as "a, b" split by the shell', () => {
    assert.deepEqual(bound('Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-Scope', 'Eng,Sales', '-Scope', 'HR').Scope, ['Eng', 'Sales', 'HR']);
    assert.deepEqual(bound('Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-Scope', 'Eng,', 'Sales').Scope, ['Eng', 'Sales']);
    assert.deepEqual(bound('Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-Scope:Eng,Sales').Scope, ['Eng', 'Sales']);
  });

  it('refuses a scalar parameter given twice', () => {
    usageError(['Export-CsPersistentChatData', '-DBInstance', 'a', '-DBInstance', 'b', '-FileName', 'f'], 'ParameterAlreadyBound', 'DBInstance');
    usageError(['Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-PassThru', '-PassThru'], 'ParameterAlreadyBound', 'PassThru');
  });

  it('ends the parameters at --', () => {
    const request = run('New-PcmSampleDatabase', '-Seed', '3', '--', '-Force');
    assert.deepEqual(request.positional, ['-Force']);
    assert.equal(bound('New-PcmSampleDatabase', '--', '-Force').DBInstance, '-Force');
  });

  it('rejects unknown parameters suggesting the nearest names, not all of them (exit code 2: a UsageError)', () => {
    const typo = usageError(['Export-CsPersistentChatData', '-FileNme', 'x.zip'], 'NamedParameterNotFound', "'FileNme'", 'Did you mean -FileName?', 'pcm Export-CsPersistentChatData -?');
    assert.doesNotMatch(typo.message, /-DBInstance|-OutputFormat|-Level/, 'only the nearest name');
    usageError(['Export-CsPersistentChatData', '-FileNm', 'x.zip'], 'NamedParameterNotFound', 'Did you mean -FileName?');
    usageError(['Export-CsPersistentChatData', '-Lvel', 'All'], 'NamedParameterNotFound', 'Did you mean -Level?');
    usageError(['Export-CsPersistentChatData', '-Verbsoe'], 'NamedParameterNotFound', 'Did you mean -Verbose?');
    usageError(['Export-CsPersistentChatData', '-Sope', 'x'], 'NamedParameterNotFound', 'Did you mean -Scope?');
    const far = usageError(['Export-CsPersistentChatData', '-Bogus', 'x'], 'NamedParameterNotFound', "'Bogus'");
    assert.doesNotMatch(far.message, /Did you mean|-DBInstance/, 'nothing is near -Bogus');
    usageError(['Export-CsPersistentChatData', '-WhatIf'], 'NamedParameterNotFound', "'WhatIf'");
  });

  it('rejects a parameter without its value, and says how to pass a value starting with -', () => {
    usageError(['Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName'], 'MissingArgument', "'FileName'");
    usageError(['Export-CsPersistentChatData', '-FileName', '-Level', 'All'], 'MissingArgument', '-FileName:<value>');
    assert.equal(bound('Export-CsPersistentChatData', '-DBInstance', 'a', '-FileName:-odd.zip').FileName, '-odd.zip');
  });

  it('reads the common options case-insensitively and keeps them out of the cmdlet parameters', () => {
    const request = run('Import-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-outputformat', 'JSON', '-verbose', '-ea', 'stop', '-LogPath', '/tmp/logs', '-wi');
    assert.deepEqual(request.options, {
      outputFormat: 'Json',
      verbose: true,
      whatIf: true,
      confirm: undefined,
      errorAction: 'Stop',
      warningAction: 'Continue',
      progressAction: 'Continue',
      logPath: '/tmp/logs',
    });
    assert.deepEqual(request.named.map(([n]) => n), ['DBInstance', 'FileName']);
    const plain = run('Import-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f');
    assert.deepEqual(plain.options, {
      outputFormat: undefined,
      verbose: false,
      whatIf: false,
      confirm: undefined,
      errorAction: 'Continue',
      warningAction: 'Continue',
      progressAction: 'Continue',
      logPath: undefined,
    });
    usageError(['Import-CsPersistentChatData', '-OutputFormat', 'Xml'], 'ParameterArgumentValidationError', 'Table, Json, Clixml');
  });

  it('knows -WhatIf and -Confirm only where the declaration supports ShouldProcess, and when to ask', () => {
    const importDecl = findCmdlet('Import-CsPersistentChatData')!.declaration;
    const confirm = run('Import-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-Confirm');
    assert.equal(confirm.options.confirm, true);
    assert.equal(needsConfirmation(importDecl, confirm.options), true);
    const noConfirm = run('Import-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-Confirm:$false');
    assert.equal(noConfirm.options.confirm, false);
    assert.equal(needsConfirmation(importDecl, noConfirm.options), false);
    const whatIf = run('Import-CsPersistentChatData', '-DBInstance', 'a', '-FileName', 'f', '-Confirm', '-WhatIf');
    assert.equal(needsConfirmation(importDecl, whatIf.options), false, '-WhatIf never asks');
    usageError(['Export-CsPersistentChatData', '-Confirm'], 'NamedParameterNotFound', "'Confirm'");
  });

  it('reads -ByteInput - as standard input and refuses any other value, pointing at - and -FileName', () => {
    const request = run('Import-CsPersistentChatData', '-DBInstance', 'a', '-ByteInput', '-');
    assert.deepEqual(request.named, [
      ['DBInstance', 'a'],
      ['ByteInput', STDIN],
    ]);
    usageError(['Import-CsPersistentChatData', '-DBInstance', 'a', '-ByteInput', 'package.zip'], 'ByteArrayOnCommandLine', '-ByteInput -', '-FileName');
  });

  it('recognises help, version and the list of cmdlets', () => {
    assert.equal(parseCommandLine([]).kind, 'list');
    assert.equal(parseCommandLine(['--help']).kind, 'list');
    assert.equal(parseCommandLine(['-?']).kind, 'list');
    assert.equal(parseCommandLine(['--version']).kind, 'version');
    for (const argv of [['import-cspersistentchatdata', '-?'], ['Import-CsPersistentChatData', '-DBInstance', 'a', '--help'], ['help', 'IMPORT-CSPERSISTENTCHATDATA']]) {
      const request = parseCommandLine(argv);
      assert.equal(request.kind, 'help', argv.join(' '));
      assert.equal((request as { cmdlet: { declaration: { name: string } } }).cmdlet.declaration.name, 'Import-CsPersistentChatData');
    }
  });

  it('rejects an unknown cmdlet, suggesting a near name', () => {
    usageError(['Export-CsPersistentChatDta'], 'CommandNotFound', 'Did you mean Export-CsPersistentChatData?');
    usageError(['Get-Nothing'], 'CommandNotFound', 'pcm --help');
    usageError(['-Verbose', 'Export-CsPersistentChatData'], 'InvalidArgument', 'before the cmdlet name');
  });
});
