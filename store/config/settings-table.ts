/**
 * Where the XDS settings are kept: one row per kind and identity, its values as JSON. The store knows nothing of
 * the kinds; admin/settings.ts reads and checks the values against the kind's declaration (core/settings).
 */
export interface SettingsRecord {
  readonly identity: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly modified: Date;
}

export interface SettingsTable {
  settings(kind: string): SettingsRecord[];
  /** `create` refuses an identity that exists (compared case-insensitively); `replace` writes either way. */
  putSetting(kind: string, identity: string, values: Readonly<Record<string, unknown>>, mode: 'create' | 'replace'): void;
  /** True when a row was deleted. */
  deleteSetting(kind: string, identity: string): boolean;
}
