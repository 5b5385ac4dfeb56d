/**
 * The shared binder on the real Export-CsPersistentChatData declaration: command-line text and PowerShell's typed
 * values are read differently (a String[] element typed in PowerShell keeps its commas and spaces), parameter sets
 * are chosen as PowerShell chooses them, and names match case-insensitively, by alias and by unambiguous prefix.
 */
import assert from 'node:assert/strict';
import { bindParameters } from '../../cmdlets/framework/binding.js';
import type { CmdletDeclaration } from '../../cmdlets/framework/cmdlet.js';
import { PARAMETER_TYPES, type ParameterType } from '../../cmdlets/framework/parameter-types.js';
import { declaration } from '../../cmdlets/Export-CsPersistentChatData.js';
import { ParameterValueError, UsageError } from '../../core/errors.js';

describe('bindParameters', function () {
  it('splits command-line text "a,b" into elements, trimming them', function () {
    const bound = bindParameters(declaration, [['DBInstance', 'x.db'], ['FileName', 'x.zip'], ['Scope', 'Sales, Engineering - Backend']]);
    assert.deepEqual(bound.values.Scope, ['Sales', 'Engineering - Backend']);
  });

  it('keeps typed values from PowerShell whole: commas and spaces belong to the name', function () {
    const bound = bindParameters(declaration, [['DBInstance', 'x.db'], ['FileName', 'x.zip'], ['Scope', ['R&D, Europe', ' padded ']]], [], { typed: true });
    assert.deepEqual(bound.values.Scope, ['R&D, Europe', ' padded ']);
  });

  it('chooses the parameter set from the parameters given', function () {
    assert.equal(bindParameters(declaration, [['DBInstance', 'x.db'], ['AsBytes', true]]).parameterSet, 'AsBytes');
    assert.equal(bindParameters(declaration, [['DBInstance', 'x.db'], ['FileName', 'x.zip']]).parameterSet, 'FileName');
    assert.throws(() => bindParameters(declaration, [['DBInstance', 'x.db'], ['AsBytes', true], ['FileName', 'x.zip']]), (e: unknown) => e instanceof UsageError && e.errorId === 'AmbiguousParameterSet');
  });

  it('matches names ignoring case and by unambiguous prefix, and refuses ambiguous ones', function () {
    const bound = bindParameters(declaration, [['dbinstance', 'x.db'], ['FILEN', 'x.zip'], ['lev', 'roomdirectory']]);
    assert.deepEqual([bound.values.DBInstance, bound.values.FileName, bound.values.Level], ['x.db', 'x.zip', 'RoomDirectory']);
    assert.throws(() => bindParameters(declaration, [['D', 'x']]), (e: unknown) => e instanceof UsageError && e.errorId === 'AmbiguousParameter');
  });

  it('refuses a value outside ValidateSet as a parameter value error naming the allowed values', function () {
    assert.throws(
      () => bindParameters(declaration, [['DBInstance', 'x.db'], ['FileName', 'x.zip'], ['Level', 'Full']]),
      (e: unknown) => e instanceof ParameterValueError && /'Full' is not one of the allowed values: All, User, Category, RoomDirectory, Content/.test(e.message),
    );
  });

  it('binds every type of the parameter-type table, and the table names each type for .NET and the proxy', function () {
    const every = Object.keys(PARAMETER_TYPES) as ParameterType[];
    const probe: CmdletDeclaration = {
      name: 'Test-Types',
      synopsis: 's',
      description: 'd',
      parameters: every.map((type) => ({ name: type.replace('[]', 'Array').replace(/\W/g, ''), type, description: 'd' })),
      outputTypes: [],
      examples: [],
    };
    const values: Record<string, unknown> = {
      String: 'x', 'String[]': 'a,b', 'List[String]': 'a', Int32: '7', Int64: '9007199254740991', Boolean: '$false', SwitchParameter: true,
      DateTime: '2010-01-01T08:00:00Z', 'Byte[]': Buffer.from([1]), PSCredential: { userName: 'u', password: 'p' }, TimeSpan: '00:15:00',
      Guid: '{0A1B2C3D-0000-4000-8000-00000000000F}', PSObject: '{"Identity":"x"}', PSListModifier: "@{Add='a'}",
    };
    assert.deepEqual(Object.keys(values).sort(), [...every].sort(), 'a value for every type');
    const bound = bindParameters(probe, every.map((type) => [type.replace('[]', 'Array').replace(/\W/g, ''), values[type]]));
    assert.equal(bound.values.Guid, '0a1b2c3d-0000-4000-8000-00000000000f');
    assert.deepEqual(bound.values.PSListModifier, { add: ['a'] });
    assert.equal(bound.values.Int64, Number.MAX_SAFE_INTEGER);
    for (const type of every) assert.match(PARAMETER_TYPES[type].dotnet, /^System\./, type);
    for (const type of every) assert.match(PARAMETER_TYPES[type].literal, /^\[.+\]$/, type);
    assert.throws(() => bindParameters(probe, [['Guid', 'not-a-guid']]), (e: unknown) => e instanceof ParameterValueError && /'not-a-guid' is not a GUID/.test(e.message));
  });
});
