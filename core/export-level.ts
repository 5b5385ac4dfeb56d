/**
 * What each -Level of Export-CsPersistentChatData contains (domain.md §3.1.1 leaves it undocumented; the choice is
 * recorded in docs/decisions.md). Levels below All carry only the principals their objects refer to (and the
 * groups those belong to), so every package imports on its own.
 */
import type { ExportLevel } from './model.js';

export interface LevelContent {
  /** 'all' exports every principal; 'referenced' only those the exported objects name. */
  readonly principals: 'all' | 'referenced';
  readonly categories: boolean;
  readonly rooms: boolean;
  readonly messages: boolean;
}

export const LEVEL_CONTENT: Readonly<Record<ExportLevel, LevelContent>> = {
  All: { principals: 'all', categories: true, rooms: true, messages: true },
  User: { principals: 'all', categories: false, rooms: false, messages: false },
  Category: { principals: 'referenced', categories: true, rooms: false, messages: false },
  RoomDirectory: { principals: 'referenced', categories: true, rooms: true, messages: false },
  Content: { principals: 'referenced', categories: true, rooms: true, messages: true },
};
