/**
 * What a migration reports about the objects it changes or cannot take. Every conversion of DESIGN.md §8 produces a
 * notice naming the object, so -WhatIf can list everything an import would do and the report can show it.
 */
export type NoticeRule =
  | 'FlattenedCategory'
  | 'RoomNamePrefixed'
  | 'InheritedSettings'
  | 'InheritedScope'
  | 'RootManagers'
  | 'CategoryManagers'
  | 'InheritedMembers'
  | 'RootCreators'
  | 'RoomUnderRoot'
  | 'InvitationConflict'
  | 'RoomFileUpload'
  | 'RoomChatHistory'
  | 'TopicDropped'
  | 'PresentersInNormalRoom'
  | 'PresentersMadeMembers'
  | 'RoleOutsideCategory'
  | 'FederatedUser'
  | 'DisabledRoom'
  | 'NameTooLong'
  | 'NameConflict'
  | 'Overwrite'
  | 'StartDateIgnored'
  | 'DuplicateMessage'
  | 'PrincipalTypeChanged'
  | 'RoleOutsideScope'
  | 'RoleNotOverridden'
  | 'StaleDefinition'
  | 'UnverifiedSourceVersion'
  /** A package without a manifest (Microsoft's own export): no checksums or counts to check. */
  | 'UnverifiedPackage'
  | 'Other';

export type NoticeSeverity = 'Info' | 'Warning' | 'Error';
export type ObjectKind = 'Category' | 'ChatRoom' | 'Principal' | 'Addin' | 'Message' | 'Package';

export interface Notice {
  readonly rule: NoticeRule;
  readonly severity: NoticeSeverity;
  readonly objectKind: ObjectKind;
  readonly objectName: string;
  readonly message: string;
}

export interface NoticeSink {
  add(notice: Notice): void;
}

/** Collects notices; errors are kept apart because any error stops an import before it writes. */
export class NoticeList implements NoticeSink {
  readonly notices: Notice[] = [];

  add(notice: Notice): void {
    this.notices.push(notice);
  }

  get errors(): Notice[] {
    return this.notices.filter((n) => n.severity === 'Error');
  }

  count(rule: NoticeRule): number {
    return this.notices.filter((n) => n.rule === rule).length;
  }
}
