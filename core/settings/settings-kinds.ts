/**
 * The Central Management Store ("XDS") settings that Persistent Chat keeps, each declared once as data: its
 * properties with their types, documented defaults and ranges (domain.md §3.5-3.9, §7), the identity scopes it
 * takes, and Microsoft's type name. The Get-, New-, Set- and Remove- cmdlets of each kind, their help and their
 * format views are built from this (cmdlets/settings/), and every rule below is enforced in one place
 * (admin/settings.ts).
 */
import { Duration } from '../duration.js';
import type { XdsScope } from './xds-identity.js';

export type SettingValue = string | number | boolean | Duration | null;

interface PropertyBase {
  readonly name: string;
  readonly description: string;
}

export type SettingProperty = PropertyBase &
  (
    | { readonly type: 'Int16' | 'UInt32'; readonly default: number; readonly range: readonly [number, number] }
    | { readonly type: 'String'; readonly default: string | null; readonly maxLength?: number }
    | { readonly type: 'Boolean'; readonly default: boolean }
    | { readonly type: 'TimeSpan'; readonly default: Duration; readonly range: readonly [Duration, Duration] }
    | { readonly type: 'Enum'; readonly default: string; readonly values: readonly string[]; readonly typeName: string }
  );

export interface SettingsKind {
  /** The noun of the cmdlets, without Cs: PersistentChatConfiguration -> Get-CsPersistentChatConfiguration. */
  readonly noun: string;
  /** What it is, for help text: "Persistent Chat configuration settings". */
  readonly title: string;
  readonly typeName: string;
  /** The scopes New- may create (global always exists and is never created). */
  readonly scopes: readonly XdsScope[];
  /** Which cmdlets the kind has. */
  readonly verbs: readonly ('Get' | 'New' | 'Set' | 'Remove')[];
  /**
   * `global`: one global instance always exists (Remove- resets it); `pool`: one instance per registered pool always
   * exists (pool state), with the defaults until it is set.
   */
  readonly implicit: 'global' | 'pool';
  readonly properties: readonly SettingProperty[];
  /** The columns of the kind's table view (Format-Table -View Table); its list view shows Identity and every property. */
  readonly tableColumns: readonly string[];
  /** Microsoft's examples, with the identities they use. */
  readonly examples: Readonly<Partial<Record<'Get' | 'New' | 'Set' | 'Remove', readonly { title: string; code: string; remarks: string }[]>>>;
}

export const PERSISTENT_CHAT_CONFIGURATION: SettingsKind = {
  noun: 'PersistentChatConfiguration',
  tableColumns: ['Identity', 'DefaultChatHistory', 'MaxFileSizeKB', 'ParticipantUpdateLimit'],
  title: 'Persistent Chat configuration settings',
  typeName: 'Microsoft.Rtc.Management.WritableConfig.Settings.PersistentChat.PersistentChatConfiguration',
  scopes: ['global', 'site', 'service'],
  verbs: ['Get', 'New', 'Set', 'Remove'],
  implicit: 'global',
  properties: [
    {
      name: 'DefaultChatHistory',
      type: 'Int16',
      default: 30,
      range: [1, 500],
      description: 'How many messages a room shows when it is opened (the first backchat), from 1 to 500. Older messages can still be retrieved. The default is 30.',
    },
    {
      name: 'MaxFileSizeKB',
      type: 'UInt32',
      default: 20000,
      range: [0, 4294967295],
      description: 'The largest file, in kilobytes, that can be uploaded to or downloaded from a room. The default is 20000 (about 20 MB).',
    },
    {
      name: 'ParticipantUpdateLimit',
      type: 'UInt32',
      default: 75,
      range: [0, 4294967295],
      description: 'When a room has more participants than this, its roster (the participant list) is no longer updated. The default is 75.',
    },
    {
      name: 'RoomManagementUrl',
      type: 'String',
      default: null,
      description: 'The URL of a custom room-management web page, sent to clients as both the internal and external room-management URL. Empty by default.',
    },
  ],
  examples: {
    Get: [
      { title: 'Every collection', code: 'Get-CsPersistentChatConfiguration', remarks: 'Returns every collection of Persistent Chat configuration settings.' },
      { title: "One site's settings", code: 'Get-CsPersistentChatConfiguration -Identity "site:Redmond"', remarks: 'Returns the settings of the Redmond site.' },
      { title: "Every site's settings", code: 'Get-CsPersistentChatConfiguration -Filter "site:*"', remarks: 'Returns every site-scoped collection.' },
    ],
    New: [{ title: 'Settings for a site', code: 'New-CsPersistentChatConfiguration -Identity "site:Redmond" -ParticipantUpdateLimit 100', remarks: 'Creates settings for the Redmond site that stop roster updates beyond 100 participants.' }],
    Set: [{ title: 'Fewer messages when a room opens', code: 'Set-CsPersistentChatConfiguration -Identity "site:Redmond" -DefaultChatHistory 25', remarks: 'Shows 25 messages when a room of the Redmond site is opened.' }],
    Remove: [
      { title: "Remove a site's settings", code: 'Remove-CsPersistentChatConfiguration -Identity "site:Redmond"', remarks: 'Removes the settings of the Redmond site; its pools use the global settings again.' },
      { title: "Remove every site's settings", code: 'Get-CsPersistentChatConfiguration -Filter "site:*" | Remove-CsPersistentChatConfiguration', remarks: 'Removes every site-scoped collection.' },
    ],
  },
};

export const PERSISTENT_CHAT_COMPLIANCE_CONFIGURATION: SettingsKind = {
  noun: 'PersistentChatComplianceConfiguration',
  tableColumns: ['Identity', 'AdapterType', 'RunInterval'],
  title: 'Persistent Chat compliance settings',
  typeName: 'Microsoft.Rtc.Management.WritableConfig.Settings.PersistentChat.PersistentChatComplianceConfiguration',
  scopes: ['global', 'site', 'service'],
  verbs: ['Get', 'New', 'Set', 'Remove'],
  implicit: 'global',
  properties: [
    { name: 'AdapterName', type: 'String', default: null, description: 'The name of the compliance adapter.' },
    { name: 'AdapterOutputDirectory', type: 'String', default: null, description: 'The folder the adapter writes to; each adapter needs its own folder.' },
    {
      name: 'AdapterType',
      type: 'String',
      default: null,
      description:
        'The .NET type of the adapter, implementing IComplianceAdapter; the built-in one is Microsoft.Rtc.Internal.Chat.Server.Compliance.XmlAdapter,compliance. With none, no compliance data is saved.',
    },
    { name: 'AddChatRoomDetails', type: 'Boolean', default: false, description: 'Sends extra room details to the adapter; this can greatly increase the data. The default is False.' },
    { name: 'AddUserDetails', type: 'Boolean', default: false, description: 'Sends extra user details to the adapter. The default is False.' },
    { name: 'CreateFileAttachmentsManifest', type: 'Boolean', default: false, description: 'Writes .ATTACH files tracking file transfers into the adapter output folder. The default is False.' },
    { name: 'CustomConfiguration', type: 'String', default: null, description: 'An XSLT that shapes the adapter output.' },
    { name: 'OneChatRoomPerOutputFile', type: 'Boolean', default: false, description: 'Writes one output file per room. The default is False.' },
    {
      name: 'RunInterval',
      type: 'TimeSpan',
      default: Duration.minutes(15),
      range: [Duration.minutes(1), Duration.minutes(30 * 24 * 60)],
      description: 'How often the adapter runs, as d.hh:mm:ss, from 1 minute (00:01:00) to 30 days (30.00:00:00). The default is 15 minutes (00:15:00).',
    },
  ],
  examples: {
    Get: [
      { title: 'Every collection', code: 'Get-CsPersistentChatComplianceConfiguration', remarks: 'Returns every collection of compliance settings.' },
      { title: 'Collections that write one file per room', code: 'Get-CsPersistentChatComplianceConfiguration | Where-Object {$_.OneChatRoomPerOutputFile -eq $True}', remarks: 'Returns the collections that write one file per room.' },
    ],
    New: [{ title: 'Compliance settings for a site', code: 'New-CsPersistentChatComplianceConfiguration -Identity "site:Redmond" -AddUserDetails $True', remarks: 'Creates compliance settings for the Redmond site that add user details.' }],
    Set: [{ title: 'Run the adapter more often', code: 'Set-CsPersistentChatComplianceConfiguration -Identity "global" -RunInterval "00:10:00"', remarks: 'Runs the adapter every 10 minutes.' }],
    Remove: [{ title: "Remove a site's compliance settings", code: 'Remove-CsPersistentChatComplianceConfiguration -Identity "site:Redmond"', remarks: 'Removes the compliance settings of the Redmond site.' }],
  },
};

export const PERSISTENT_CHAT_POLICY: SettingsKind = {
  noun: 'PersistentChatPolicy',
  tableColumns: ['Identity', 'EnablePersistentChat', 'Description'],
  title: 'Persistent Chat policies',
  typeName: 'Microsoft.Rtc.Management.WritableConfig.Policy.PersistentChat.PersistentChatPolicy',
  scopes: ['global', 'site', 'tag'],
  verbs: ['Get', 'New', 'Set', 'Remove'],
  implicit: 'global',
  properties: [
    { name: 'Description', type: 'String', default: null, description: 'Text that says what the policy is for.' },
    { name: 'EnablePersistentChat', type: 'Boolean', default: false, description: 'Whether users of the policy can use Persistent Chat. The default is False: no user has Persistent Chat until a policy enables it.' },
  ],
  examples: {
    Get: [
      { title: 'Every policy', code: 'Get-CsPersistentChatPolicy', remarks: 'Returns every Persistent Chat policy.' },
      { title: 'Site policies', code: 'Get-CsPersistentChatPolicy -Filter "site:*"', remarks: 'Returns the site-scoped policies.' },
    ],
    New: [
      { title: 'Enable Persistent Chat for a site', code: 'New-CsPersistentChatPolicy -Identity "site:Redmond" -EnablePersistentChat $True', remarks: 'Creates a policy that enables Persistent Chat for the users of the Redmond site.' },
      {
        title: 'A per-user policy',
        code: 'New-CsPersistentChatPolicy -Identity "RedmondPersistentChatPolicy" -EnablePersistentChat $True',
        remarks: 'Creates a per-user policy that Grant-CsPersistentChatPolicy can assign to users.',
      },
    ],
    Set: [{ title: 'Enable Persistent Chat for everyone', code: 'Set-CsPersistentChatPolicy -Identity global -EnablePersistentChat $True', remarks: 'Enables Persistent Chat for every user without a site or per-user policy.' }],
    Remove: [{ title: 'Remove a site policy', code: 'Remove-CsPersistentChatPolicy -Identity "site:Redmond"', remarks: 'Removes the Redmond site policy; its users get the global policy.' }],
  },
};

export const PERSISTENT_CHAT_STATE: SettingsKind = {
  noun: 'PersistentChatState',
  tableColumns: ['Identity', 'PoolState'],
  title: 'Persistent Chat pool state',
  typeName: 'Microsoft.Rtc.Management.WritableConfig.Settings.PersistentChat.PersistentChatState',
  scopes: ['service'],
  verbs: ['Get', 'Set'],
  implicit: 'pool',
  properties: [
    {
      name: 'PoolState',
      type: 'Enum',
      default: 'Normal',
      values: ['Normal', 'FailedOver'],
      typeName: 'Microsoft.Rtc.Management.WritableConfig.Settings.PersistentChat.PoolState',
      description: 'Normal: the pool uses its primary databases. FailedOver: it uses the backup databases of the topology. Changing it changes every server of the pool.',
    },
  ],
  examples: {
    Get: [
      { title: "Every pool's state", code: 'Get-CsPersistentChatState', remarks: 'Returns the state of every Persistent Chat pool.' },
      { title: 'The pools of one domain', code: 'Get-CsPersistentChatState -Filter "*.litwareinc.com"', remarks: 'Returns the state of the pools of litwareinc.com.' },
    ],
    Set: [{ title: 'Fail a pool over', code: 'Set-CsPersistentChatState -Identity "service:atl-pc-001.litwareinc.com" -PoolState FailedOver', remarks: 'Fails the pool atl-pc-001 over to its backup databases.' }],
  },
};

export const SETTINGS_KINDS: readonly SettingsKind[] = [PERSISTENT_CHAT_CONFIGURATION, PERSISTENT_CHAT_COMPLIANCE_CONFIGURATION, PERSISTENT_CHAT_POLICY, PERSISTENT_CHAT_STATE];

/** The documented defaults of a kind, as one values object. */
export function defaultsOf(kind: SettingsKind): Record<string, SettingValue> {
  return Object.fromEntries(kind.properties.map((p) => [p.name, p.default]));
}
