/**
 * What Test-CsPersistentChatMessage can honestly check without a SIP stack. Microsoft's synthetic transaction signs
 * two users in, joins a room and exchanges messages; here the same path is walked against the pool's data:
 *   1. the pool is registered and its database opens;
 *   2. sender and receiver are enabled users of its principal cache;
 *   3. the Persistent Chat policy that applies to each (per-user grant, else the pool's site, else global)
 *      enables Persistent Chat;
 *   4. a room exists that is not disabled and whose category lets both users in;
 *   5. a message from the sender is written to that room and read back exactly, inside a transaction that is then
 *      rolled back, so the room is left as it was.
 * Not tested: signing in (credentials, registrar, authentication), the Persistent Chat services, the network and
 * the clients. The help says so.
 */
import { randomUUID } from 'node:crypto';
import { collect } from '../core/batches.js';
import { MembershipGraph, scopeOf, withinScope } from '../core/membership.js';
import type { ChatNode, Principal } from '../core/model.js';
import { parsePoolQualifiedName, sameName } from '../core/identity/pool-qualified-name.js';
import { PERSISTENT_CHAT_POLICY } from '../core/settings/settings-kinds.js';
import { ticksFromDate } from '../core/ticks.js';
import { withConfigStore } from '../store/config/open-config-store.js';
import { parseDbInstance } from '../store/db-instance.js';
import { claimTarget } from '../store/target-claim.js';
import { openPoolStore, resolvePool } from './pool-database.js';
import { isUserPrincipal } from './principals.js';
import { listSettings } from './settings.js';

export interface MessageTestRequest {
  readonly targetFqdn?: string | undefined;
  readonly sender: string;
  readonly receiver: string;
  readonly room?: string | undefined;
}

export interface MessageTestResult {
  readonly targetFqdn: string;
  readonly result: 'Success' | 'Failure';
  readonly latencyMs: number;
  readonly error: string | null;
  readonly diagnosis: string | null;
  /** Each step with what it found. */
  readonly steps: readonly string[];
}

class StepFailure extends Error {
  constructor(
    message: string,
    readonly diagnosis: string,
  ) {
    super(message);
  }
}

class RollBack extends Error {}

/** The policy that applies to a user: its per-user grant, else its pool's site policy, else global. */
function effectivePolicy(principal: Principal, site: string | null): { identity: string; enabled: boolean } {
  const policies = listSettings(PERSISTENT_CHAT_POLICY);
  const grant = withConfigStore('read', (store) => store?.grants() ?? []).find((g) => g.principalGuid.toLowerCase() === principal.guid.toLowerCase());
  const chosen =
    (grant && policies.find((p) => p.identity.scope === 'tag' && p.identity.name.toLowerCase() === grant.policyName.toLowerCase())) ??
    (site === null ? undefined : policies.find((p) => p.identity.scope === 'site' && p.identity.name.toLowerCase() === site.toLowerCase())) ??
    policies.find((p) => p.identity.scope === 'global')!;
  return { identity: chosen.identity.text, enabled: chosen.values['EnablePersistentChat'] === true };
}

export async function testMessage(request: MessageTestRequest): Promise<MessageTestResult> {
  const started = performance.now();
  const steps: string[] = [];
  let target = request.targetFqdn ?? '';
  const finish = (failure?: StepFailure): MessageTestResult => ({
    targetFqdn: target,
    result: failure ? 'Failure' : 'Success',
    latencyMs: Math.round(performance.now() - started),
    error: failure?.message ?? null,
    diagnosis: failure?.diagnosis ?? null,
    steps,
  });
  try {
    const named = request.room === undefined ? undefined : parsePoolQualifiedName(request.room, 'ChatRoomUri');
    const pool = resolvePool(named?.pool ?? request.targetFqdn);
    target = pool.fqdn;
    let store;
    try {
      store = await openPoolStore(pool);
    } catch (error) {
      throw new StepFailure(`The database of ${pool.fqdn} could not be opened: ${(error as Error).message}`, 'Check the pool registration (Get-PcmPersistentChatPool) and that the database server is reachable.');
    }
    try {
      steps.push(`The database of ${pool.fqdn} (${store.displayName}) opened.`);
      const wanted = [request.sender, request.receiver].map((s) => s.trim().toLowerCase());
      const found = new Map<string, Principal>();
      for await (const batch of store.principals()) for (const p of batch) if (wanted.includes(p.uri.toLowerCase())) found.set(p.uri.toLowerCase(), p);
      const users = wanted.map((uri, i) => {
        const role = i === 0 ? 'sender' : 'receiver';
        const p = found.get(uri);
        if (!p) throw new StepFailure(`The ${role} ${uri} is not a principal of ${pool.fqdn}.`, 'Give SIP addresses of users synchronised into the pool (Get-CsAdPrincipal lists them).');
        if (!isUserPrincipal(p) || p.disabled !== 0) throw new StepFailure(`The ${role} ${uri} is ${isUserPrincipal(p) ? 'disabled' : 'not a user'}.`, 'Use two enabled user accounts.');
        return p;
      });
      steps.push(`Sender ${users[0]!.uri} and receiver ${users[1]!.uri} are enabled users.`);
      for (const user of users) {
        const policy = effectivePolicy(user, pool.site);
        if (!policy.enabled) {
          throw new StepFailure(`Persistent Chat is not enabled for ${user.uri}: the policy ${policy.identity} applies, with EnablePersistentChat False.`, 'Enable it with Set-CsPersistentChatPolicy, or grant an enabling per-user policy with Grant-CsPersistentChatPolicy.');
        }
        steps.push(`The policy ${policy.identity} enables Persistent Chat for ${user.uri}.`);
      }
      const nodes = await collect(store.nodes());
      const scopes = await collect(store.scopes());
      const graph = new MembershipGraph();
      for await (const batch of store.affiliations()) graph.add(batch);
      const admits = (room: ChatNode): boolean => users.every((u) => withinScope(u.id, scopeOf(room.parentId, scopes), graph));
      const rooms = nodes.filter((n) => n.kind === 'ChatRoom');
      if (rooms.length === 0) throw new StepFailure(`${pool.fqdn} has no chat rooms.`, 'Create a room (New-CsPersistentChatRoom) or migrate one.');
      const room = named ? rooms.find((r) => sameName(r.name, named.name)) : rooms.find((r) => !r.disabled && admits(r));
      if (!room) {
        throw new StepFailure(named ? `There is no room '${named.name}' on ${pool.fqdn}.` : `No enabled room of ${pool.fqdn} lets both users in.`, 'Name a room with -ChatRoomUri <pool>\\<room> whose category allows both users.');
      }
      if (room.disabled) throw new StepFailure(`The room '${room.name}' is disabled.`, 'Choose an enabled room.');
      if (!admits(room)) throw new StepFailure(`The category of '${room.name}' does not let both users in.`, 'Choose a room whose category allows both users (Get-CsPersistentChatEligiblePrincipal).');
      steps.push(`The room '${room.name}' is enabled and lets both users in.`);
      const text = `Test-CsPersistentChatMessage ${randomUUID()}`;
      const date = ticksFromDate(new Date());
      let claim;
      try {
        // The write is rolled back, but it is a write: it waits for no import and never races one.
        claim = await claimTarget(parseDbInstance(pool.dbInstance), 'Test-CsPersistentChatMessage');
      } catch (error) {
        throw new StepFailure(`The database of ${pool.fqdn} is busy: ${(error as Error).message}`, 'Run the test again when the other run has finished.');
      }
      try {
        await store.transaction(async (writer) => {
          const before = await store!.roomChatState(room.id);
          await writer.appendChats(room.id, [{ date, userId: users[0]!.id, isAlert: false, content: text, rtf: null }]);
          const after = await store!.roomChatState(room.id);
          let readBack = false;
          for await (const batch of store!.chats(room.id, date)) if (batch.some((c) => c.content === text && c.userId === users[0]!.id)) readBack = true;
          if (after.count !== before.count + 1 || !readBack) throw new StepFailure(`The test message written to '${room.name}' did not read back.`, 'Check the database for errors; run Test-PcmPersistentChatMigration.');
          throw new RollBack();
        });
      } catch (error) {
        if (!(error instanceof RollBack)) {
          if (error instanceof StepFailure) throw error;
          throw new StepFailure(`A message could not be written to '${room.name}': ${(error as Error).message}`, 'The account needs write access to the Persistent Chat database.');
        }
      } finally {
        await claim.release();
      }
      steps.push(`A message from ${users[0]!.uri} was written to '${room.name}', read back, and rolled back.`);
      return finish();
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof StepFailure) return finish(error);
    return finish(new StepFailure((error as Error).message, 'See the error.'));
  }
}
