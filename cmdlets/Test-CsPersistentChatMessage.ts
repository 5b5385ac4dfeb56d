/**
 * Test-CsPersistentChatMessage: checks, without signing anyone in, that two users could exchange a message in a
 * room of a pool (admin/message-test.ts says exactly what is and is not tested). Microsoft's result shape.
 */
import { testMessage } from '../admin/message-test.js';
import { Duration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { defineCmdlet, outputObject, type CmdletContext, type OutputItem, type ParamsOf } from './framework/cmdlet.js';

const TYPE_NAME = 'Microsoft.Rtc.SyntheticTransactions.TaskOutput';

export const declaration = {
  name: 'Test-CsPersistentChatMessage',
  synopsis: 'Tests whether two users could exchange a message in a Persistent Chat room, without signing them in.',
  description:
    'Microsoft\'s Test-CsPersistentChatMessage signs two test users in, joins them to a room and exchanges messages. ' +
    'Without a SIP stack this one walks the same path through the pool\'s data and settings: the pool is registered ' +
    'and its database opens; sender and receiver are enabled users of the pool; the Persistent Chat policy that ' +
    'applies to each (per-user, else site, else global) enables Persistent Chat; a room (the one given, else the ' +
    'first enabled room whose category lets both in) exists; and a message from the sender is written to it and read ' +
    'back inside a transaction that is rolled back, so nothing stays. It does NOT test signing in, credentials, the ' +
    'Registrar, authentication, the Persistent Chat services, the network or the clients: -SenderCredential, ' +
    '-ReceiverCredential, -Authentication and -RegistrarPort are accepted for Microsoft\'s scripts and not used. The ' +
    'result is Success or Failure, with the error and a diagnosis.',
  parameters: [
    { name: 'TargetFqdn', type: 'String', position: 0, aliases: ['t'], description: 'The Persistent Chat pool to test (Microsoft\'s names the Registrar pool). Omitted: the only registered pool.' },
    { name: 'SenderSipAddress', type: 'String', aliases: ['sa'], description: 'The SIP address of the user who sends the test message, for example sip:kenmyer@litwareinc.com.' },
    { name: 'ReceiverSipAddress', type: 'String', aliases: ['ra'], description: 'The SIP address of the user who receives it.' },
    { name: 'TestUser1SipAddress', type: 'String', description: 'Used as the sender when -SenderSipAddress is not given.' },
    { name: 'TestUser2SipAddress', type: 'String', description: 'Used as the receiver when -ReceiverSipAddress is not given.' },
    { name: 'ChatRoomUri', type: 'String', description: 'The room, as <PoolFqdn>\\<RoomName>. Omitted: the first enabled room whose category lets both users in.' },
    { name: 'SenderCredential', type: 'PSCredential', aliases: ['sc'], description: 'Accepted for compatibility; nobody is signed in, so it is not used.' },
    { name: 'ReceiverCredential', type: 'PSCredential', aliases: ['rc'], description: 'Accepted for compatibility; not used.' },
    { name: 'Authentication', type: 'String', aliases: ['Ath'], validateSet: ['TrustedServer', 'Negotiate', 'ClientCertificate', 'LiveID'], description: 'Accepted for compatibility; not used.' },
    { name: 'RegistrarPort', type: 'Int32', aliases: ['rp'], validateRange: [1, 65535], defaultValue: '5061', description: 'Accepted for compatibility; not used.' },
    { name: 'Force', type: 'SwitchParameter', description: 'Suppresses non-fatal error messages.' },
  ],
  outputTypes: [{ typeName: TYPE_NAME, view: { list: ['TargetFqdn', 'Result', 'Latency', 'Error', 'Diagnosis'] } }],
  examples: [
    {
      title: 'Test two users in the only pool',
      code: 'Test-CsPersistentChatMessage -SenderSipAddress "sip:kenmyer@litwareinc.com" -ReceiverSipAddress "sip:kenmyer@litwareinc.com"',
      remarks: 'Checks that Ken Myer could send a message and read it in a room of the pool; Result says Success or Failure.',
    },
  ],
} as const;

async function* run(params: ParamsOf<typeof declaration>, context: CmdletContext): AsyncGenerator<OutputItem> {
  const sender = params.SenderSipAddress ?? params.TestUser1SipAddress;
  const receiver = params.ReceiverSipAddress ?? params.TestUser2SipAddress;
  if (!sender || !receiver) {
    throw new UsageError('Test-CsPersistentChatMessage needs two users: give -SenderSipAddress and -ReceiverSipAddress (or -TestUser1SipAddress and -TestUser2SipAddress).', 'MissingTestUsers');
  }
  const result = await testMessage({ targetFqdn: params.TargetFqdn, sender, receiver, room: params.ChatRoomUri });
  for (const step of result.steps) context.verbose(step);
  yield outputObject(TYPE_NAME, {
    TargetFqdn: result.targetFqdn,
    Result: result.result,
    Latency: new Duration(result.latencyMs),
    Error: result.error,
    Diagnosis: result.diagnosis,
  });
}

export const cmdlet = defineCmdlet(declaration, run);
