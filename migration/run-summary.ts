/** The pieces of a run's closing summary (JobContext.summary) that several runs share. */
import type { Notice } from '../core/convert/notices.js';

/** Conversions (and warnings) counted by rule, commonest first; errors are not conversions. */
export function conversionsByRule(notices: readonly Notice[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of notices) if (n.severity !== 'Error') counts.set(n.rule, (counts.get(n.rule) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}

/** A report and its JSON twin, as written beside each other. */
export function reportFiles(html: string | null | undefined): string[] {
  if (!html) return [];
  return [html, html.replace(/\.html?$/i, '') + '.json'];
}
