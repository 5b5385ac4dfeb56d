/**
 * convertPrincipal: Persistent Chat does not federate, so a federated user (a user with no AD object and a sip: URI)
 * arrives as a disabled principal (domain.md §1.3, §4.4 step 6, §4.6). Everyone else passes through untouched.
 */
import assert from 'node:assert/strict';
import { convertPrincipal, isFederatedUser } from '../../core/convert/convert-principal.js';
import { NoticeList } from '../../core/convert/notices.js';
import { PrincipalState, PrincipalType, type Principal } from '../../core/model.js';
import { keys, principal } from './support/fixtures.js';

function convert(p: Principal): { result: Principal; notices: NoticeList } {
  const notices = new NoticeList();
  return { result: convertPrincipal(p, notices), notices };
}

describe('convertPrincipal', function () {
  it('turns a federated user into a disabled principal with a FederatedUser warning', function () {
    const source = principal({ id: 7, uri: 'sip:ann@fabrikam.com', adPath: null, upn: null });
    const { result, notices } = convert(source);
    assert.equal(isFederatedUser(source), true);
    assert.equal(result.disabled, PrincipalState.Disabled);
    assert.equal(result.disabled, 1);
    assert.deepEqual({ ...result, disabled: source.disabled }, source, 'nothing else changes');
    assert.equal(source.disabled, PrincipalState.Active, 'the input is not mutated');
    assert.deepEqual(keys(notices), [{ rule: 'FederatedUser', severity: 'Warning', objectKind: 'Principal', objectName: 'sip:ann@fabrikam.com' }]);
  });

  it('treats an AnyUser principal with no AD path the same way', function () {
    const { result, notices } = convert(principal({ id: 8, type: PrincipalType.AnyUser, uri: 'SIP:bob@fabrikam.com', adPath: null }));
    assert.equal(result.disabled, PrincipalState.Disabled);
    assert.deepEqual(keys(notices), [{ rule: 'FederatedUser', severity: 'Warning', objectKind: 'Principal', objectName: 'SIP:bob@fabrikam.com' }]);
  });

  const unchanged: Array<[string, Principal]> = [
    ['an AD user', principal({ id: 1 })],
    ['a group with no AD path', principal({ id: 2, type: PrincipalType.Group, uri: 'sip:group@fabrikam.com', adPath: null })],
    ['an AD group', principal({ id: 3, type: PrincipalType.Group, uri: 'ma-grp://litwareinc.com/3', adPath: 'CN=g,DC=litwareinc,DC=com' })],
    ['an already-disabled federated user', principal({ id: 4, uri: 'sip:c@fabrikam.com', adPath: null, disabled: PrincipalState.Disabled })],
    ['a deleted federated user', principal({ id: 5, uri: 'sip:d@fabrikam.com', adPath: null, disabled: PrincipalState.Deleted })],
    ['a system user', principal({ id: 6, type: PrincipalType.SystemUser, uri: 'sip:system@litwareinc.com', adPath: null })],
  ];
  for (const [what, source] of unchanged) {
    it(`leaves ${what} unchanged, with no notice`, function () {
      const { result, notices } = convert(source);
      assert.deepEqual(result, source);
      assert.deepEqual(keys(notices), []);
    });
  }
});
