/**
 * The principals a list parameter names (AllowedMembers, DeniedMembers, Creators, Members, Managers, Presenters),
 * found in the pool's principal cache (tblPrincipal) as Microsoft's cmdlets find them (domain.md §2): a SIP address
 * (`sip:kenmyer@litwareinc.com`), a distinguished name of a user, group, OU or container (`OU=IT,DC=litwareinc,DC=com`),
 * a domain (`litwareinc.com`), the principal's own URI as Get- writes it (`ma-grp://...`), or, with -AsObject,
 * a display name. A name nobody in the cache has is Microsoft's "principal not provisioned"; a display name two
 * principals share is refused, not guessed.
 */
import { PcmError } from '../errors.js';
import { applyListModifier, type ListModifier } from '../list-modifier.js';
import { excerpt } from '../excerpt.js';
import { PrincipalType, type Principal } from '../model.js';

const lower = (value: string | null): string | null => (value === null ? null : value.toLowerCase());

/** How a principal is written in a list: its SIP address (or URI), or with -AsObject its display name. */
export function principalLabel(principal: Principal | undefined, asObject: boolean, id: number): string {
  if (!principal) return `(unknown principal ${id})`;
  return asObject ? (principal.displayName ?? principal.name ?? principal.uri) : principal.uri;
}

export class PrincipalDirectory {
  readonly #all: readonly Principal[];
  readonly #byUri = new Map<string, Principal>();
  readonly #byDn = new Map<string, Principal>();

  constructor(principals: Iterable<Principal>) {
    this.#all = [...principals];
    for (const p of this.#all) {
      this.#byUri.set(p.uri.toLowerCase(), p);
      if (p.adPath) this.#byDn.set(p.adPath.toLowerCase(), p);
    }
  }

  byId(id: number): Principal | undefined {
    return this.#all.find((p) => p.id === id);
  }

  /** The principal an entry names, or a refusal that names the entry, the parameter and the ways to name one. */
  resolve(entry: string, parameter: string, asObject: boolean): Principal {
    const text = entry.trim();
    const key = text.toLowerCase();
    const found =
      this.#byUri.get(key) ??
      this.#byDn.get(key) ??
      (/^[^\s@:]+@[^\s@]+$/.test(text) ? this.#byUri.get(`sip:${key}`) : undefined) ??
      this.#all.find((p) => p.type === PrincipalType.Domain && (lower(p.name) === key || lower(p.displayName) === key)) ??
      (asObject ? this.#byDisplayName(text, parameter) : undefined);
    if (found) return found;
    const how = asObject
      ? 'by display name (-AsObject), SIP address, distinguished name or domain'
      : 'by SIP address (sip:user@domain), distinguished name (CN=...,DC=... or OU=...,DC=...) or domain, or with -AsObject by display name';
    throw new PcmError(
      `-${parameter}: the principal '${excerpt(text)}' is not provisioned: the pool's database has no user, group, container or domain of that name. ` +
        `Principals reach Persistent Chat through Import-CsPersistentChatData or directory synchronisation; name one ${how}.`,
      { errorId: 'PrincipalNotProvisioned', category: 'ObjectNotFound', target: text },
    );
  }

  #byDisplayName(text: string, parameter: string): Principal | undefined {
    const key = text.toLowerCase();
    const matches = this.#all.filter((p) => lower(p.displayName) === key || (p.displayName === null && lower(p.name) === key));
    if (matches.length > 1) {
      throw new PcmError(
        `-${parameter}: ${matches.length} principals have the display name '${excerpt(text)}' (${matches.slice(0, 3).map((p) => p.uri).join(', ')}); name the one you mean by SIP address or distinguished name.`,
        { errorId: 'PrincipalAmbiguous', category: 'InvalidArgument', target: text },
      );
    }
    return matches[0];
  }
}

/**
 * A list change (PSListModifier) applied to a list of principal ids: every entry is resolved to its principal first,
 * so `sip:KenMyer@...` and Ken Myer's distinguished name are one entry. A name nobody has is refused by name.
 */
export function applyToPrincipals(current: readonly number[], modifier: ListModifier | null, parameter: string, principals: PrincipalDirectory, asObject: boolean): number[] {
  const ids = (entries: readonly string[] | undefined): string[] | undefined => entries?.map((e) => String(principals.resolve(e, parameter, asObject).id));
  const mapped: ListModifier | null =
    modifier === null
      ? null
      : { ...(modifier.replace ? { replace: ids(modifier.replace)! } : {}), ...(modifier.add ? { add: ids(modifier.add)! } : {}), ...(modifier.remove ? { remove: ids(modifier.remove)! } : {}) };
  return applyListModifier(current.map(String), mapped, (a, b) => a === b).map(Number);
}
