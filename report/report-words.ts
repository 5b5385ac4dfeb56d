/**
 * Words for the page: notice rules as a person says them (the ids stay in the JSON twin and in a tooltip), and
 * times in the local time of the machine that wrote the report, to the second, with its offset from UTC.
 */

const RULE_WORDS: Readonly<Record<string, string>> = {
  FlattenedCategory: 'Flattened category names',
  RoomNamePrefixed: 'Room names prefixed with their category',
  InheritedSettings: 'Settings inherited from a parent category',
  InheritedScope: 'Scope inherited from a parent category',
  RootManagers: 'Root category managers made room managers',
  CategoryManagers: 'Category managers made room managers',
  InheritedMembers: 'Members inherited from a parent category',
  RootCreators: 'Root category creators',
  RoomUnderRoot: 'Rooms directly under the root category',
  InvitationConflict: 'Invitation settings that conflict',
  RoomFileUpload: 'Room file upload settings',
  RoomChatHistory: 'Room chat history settings',
  TopicDropped: 'Room topics dropped',
  PresentersInNormalRoom: 'Presenters in normal rooms',
  FederatedUser: 'Federated users disabled',
  DisabledRoom: 'Disabled rooms',
  NameTooLong: 'Names too long',
  NameConflict: 'Name conflicts',
  Overwrite: 'Existing items overwritten',
  StartDateIgnored: '-StartDate ignored',
  DuplicateMessage: 'Messages already in the target',
  Other: 'Other notices',
};

/** A rule id as words: the known ones by name, any other CamelCase id split into lower-case words. */
export function ruleWords(rule: string): string {
  const known = RULE_WORDS[rule];
  if (known !== undefined) return known;
  const words = rule.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * `2024-05-01 12:00:00 (UTC+02:00)` for an ISO 8601 instant, in the process's time zone (TZ); the text as given
 * when it is not a date.
 */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  const time = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  return `${day} ${time} (UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)})`;
}
