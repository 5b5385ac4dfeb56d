/**
 * The shared binder on the real Export-CsPersistentChatData declaration: command-line text and PowerShell's typed
 * values are read differently (a String[] element typed in PowerShell keeps its commas and spaces), parameter sets
 * are chosen as PowerShell chooses them, and names match case-insensitively, by alias and by unambiguous prefix.
 */
import assert from 'node:assert/strict';
import { bindParameters } from '../../cmdlets/framework/binding.js';
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
});
