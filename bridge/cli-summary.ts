/**
 * What pcm prints on a terminal when a run ends (issue 15): the warnings grouped by conversion rule with counts (the
 * report and the log have every one), then the run's summary: its outcome and counts, the conversions by rule, what
 * was written, and where the log is. Only on a terminal: a script or a scheduled task reads every warning line and
 * the output objects instead.
 */
import type { RunSummary } from '../cmdlets/framework/cmdlet.js';
import { ruleWords } from '../report/report-words.js';
import { sanitize } from './cli-text.js';

/** Warnings that name a rule, held back and counted; the first of each rule is kept as the example. */
export class GroupedWarnings {
  readonly #byRule = new Map<string, { first: string; count: number }>();

  add(rule: string, message: string): void {
    const group = this.#byRule.get(rule);
    if (group) group.count++;
    else this.#byRule.set(rule, { first: message, count: 1 });
  }

  get size(): number {
    return this.#byRule.size;
  }

  lines(): string[] {
    return [...this.#byRule].map(([rule, { first, count }]) =>
      count === 1 ? `WARNING: ${sanitize(first)}` : `WARNING: ${ruleWords(rule)}: ${count} warnings, such as: ${sanitize(first)}`,
    );
  }
}

export function summaryLines(command: string, summary: RunSummary, logFile: string | undefined): string[] {
  const facts = summary.facts.map(([label, value]) => `${label} ${typeof value === 'number' ? value.toLocaleString('en-US') : value}`).join(' · ');
  const lines = [`${command}: ${summary.outcome}.`, `  ${sanitize(facts, true)}`];
  const conversions = [...(summary.conversions ?? new Map<string, number>())];
  if (conversions.length > 0) lines.push(`  Conversions: ${conversions.map(([rule, n]) => `${ruleWords(rule)} ${n.toLocaleString('en-US')}`).join(', ')}`);
  if (summary.written.length > 0) lines.push(`  Written: ${summary.written.map((w) => sanitize(w, true)).join(', ')}`);
  if (logFile !== undefined) lines.push(`  Log: ${sanitize(logFile, true)}`);
  return lines;
}
