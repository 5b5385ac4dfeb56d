/**
 * What a verification finds, object by object: a Difference (the target does not hold what the source and the
 * conversion rules say it should) or a Conversion (the target differs from the source exactly as a documented rule
 * says it must, so it is listed, not counted against the migration).
 */
export type FindingKind = 'Category' | 'ChatRoom' | 'Addin' | 'Principal' | 'Messages';
export type FindingStatus = 'Different' | 'Converted';

export type FindingValue = string | number | boolean | null | readonly string[];

export interface Finding {
  readonly status: FindingStatus;
  readonly kind: FindingKind;
  /** The object's name as the target knows it (a flattened name), or the source's when the target lacks it. */
  readonly object: string;
  readonly property: string;
  /** The legacy source's value. For a set of principals that differs: the principals the target lacks. */
  readonly sourceValue: FindingValue;
  /** The target's value. For a set of principals that differs: the principals the source does not explain. */
  readonly targetValue: FindingValue;
  /** The rule that explains a conversion, or what a difference means. */
  readonly detail: string;
}

export class Findings {
  readonly differences: Finding[] = [];
  readonly conversions: Finding[] = [];

  different(kind: FindingKind, object: string, property: string, sourceValue: FindingValue, targetValue: FindingValue, detail: string): void {
    this.differences.push({ status: 'Different', kind, object, property, sourceValue, targetValue, detail });
  }

  converted(kind: FindingKind, object: string, property: string, sourceValue: FindingValue, targetValue: FindingValue, rule: string): void {
    this.conversions.push({ status: 'Converted', kind, object, property, sourceValue, targetValue, detail: rule });
  }
}
