/**
 * The -Report page a person reads: one self-contained HTML5 file (inline CSS, no script, nothing fetched) that shows
 * the outcome first, then errors, counts source against target, each category's rooms and every notice. Microsoft's
 * report could not be read at a glance (users.md §1a); this one leads with what went wrong and marks every count that
 * differs. The markup is also well-formed XML, so tests (and anyone's tooling) can check it with an XML validator.
 */
import type { Notice } from '../core/convert/notices.js';
import { expectedDifference, expectedReasons } from './report-expected.js';
import type { CategoryLine, CountPair, MigrationReport, RoomLine } from './report-model.js';
import { localTime, ruleWords } from './report-words.js';

/** Reports can hold 100,000 notices; beyond this many per rule the page says how many more the JSON twin holds. */
export const NOTICES_PER_RULE = 2000;

/** Above this many rooms in all, categories start closed so the page stays usable. */
const OPEN_CATEGORIES_UP_TO_ROOMS = 200;
/** Warning and Info groups up to this size start open; Error groups always do. */
const OPEN_NOTICE_GROUP_UP_TO = 20;

export interface RenderOptions {
  /** File name of the JSON twin, to point at it for notices the page leaves out. */
  readonly jsonFileName?: string;
}

const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Controls (C0, DEL, C1), lone surrogates and noncharacters are parse errors in HTML (and invalid XML); a lone
// surrogate cannot even be written as UTF-8. Tab, LF and CR are ordinary white space.
const SPECIAL = /[&<>"']|\p{Cc}|\p{Cs}|\p{Noncharacter_Code_Point}/gu;

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Escapes data text for HTML. Characters a page must not carry raw are shown as U+XXXX: in text as a boxed marker,
 * in attributes (where markup is not allowed) as plain `[U+XXXX]`.
 */
export function escapeHtml(value: string, inAttribute = false): string {
  return value.replace(SPECIAL, (ch) => {
    const entity = HTML_SPECIAL[ch];
    if (entity !== undefined) return entity;
    if (ch === '\t' || ch === '\n' || ch === '\r') return ch;
    return inAttribute ? `[${codePoint(ch)}]` : `<span class="ctl" title="invisible character">${codePoint(ch)}</span>`;
  });
}

/** A run of this many characters without a space (an id, a path, a long name) may break anywhere; words never do. */
const LONG_TOKEN = 24;
const TOKENS = /(\s+)/;

/**
 * Data text, isolated so a right-to-left name or a stray bidi override cannot reorder the text around it. Long
 * tokens are marked so that only they may be broken at any letter (class "long"); ordinary words wrap whole.
 */
function text(value: string): string {
  const parts = value.split(TOKENS).map((part) => ([...part].length >= LONG_TOKEN && !/\s/.test(part) ? `<span class="long">${escapeHtml(part)}</span>` : escapeHtml(part)));
  return `<bdi>${parts.join('')}</bdi>`;
}

/** A date-time parameter value as written into the model (ISO 8601, UTC). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

// A fixed locale keeps the page the same on every machine.
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCount(value: number | null): string {
  if (value === null) return '—';
  return Number.isFinite(value) ? INTEGER.format(value) : escapeHtml(String(value));
}

/** `350 ms`, `12.4 s`, `1 h 2 min 5 s`, `2 d 3 h`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'unknown';
  if (seconds < 1) return `${INTEGER.format(seconds * 1000)} ms`;
  if (Math.round(seconds * 10) < 600) return `${DECIMAL.format(seconds)} s`;
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]] as const) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(`${INTEGER.format(amount)} ${unit}`);
  }
  // Seconds do not matter once a run takes days.
  return (parts[0]?.endsWith(' d') ? parts.filter((p) => !p.endsWith(' s')) : parts).join(' ');
}

/**
 * The check cell for a count pair: text, not just colour, so it survives printing in black and white. A difference
 * the run's parameters explain is marked as expected (ℹ), with the reason in full (`why`) or as a tooltip.
 */
function checkMark(pair: CountPair, expected?: string, why: 'inline' | 'title' = 'title'): string {
  if (pair.target === null) return '<span class="mark none">— not written</span>';
  if (pair.target === pair.source) return '<span class="mark same">✓ same</span>';
  const delta = pair.target - pair.source;
  const by = `${delta > 0 ? '+' : '−'}${formatCount(Math.abs(delta))}`;
  if (expected === undefined) return `<span class="mark diff">≠ differs by ${by}</span>`;
  if (why === 'inline') return `<span class="mark expected">ℹ ${by}, expected</span> <span class="why">${text(expected)}</span>`;
  return `<span class="mark expected" title="${escapeHtml(expected, true)}">ℹ ${by}, expected</span>`;
}

const differs = (pair: CountPair): boolean => pair.target !== null && pair.target !== pair.source;

/** The row class for a count pair: a difference nothing explains is highlighted; an expected one is not. */
function rowClass(pair: CountPair, expected: string | undefined): string {
  if (!differs(pair)) return '';
  return expected === undefined ? ' class="diff"' : ' class="expected"';
}

const OUTCOME: Record<string, { css: string; label: string }> = {
  Succeeded: { css: 'ok', label: 'Succeeded' },
  Failed: { css: 'fail', label: 'Failed' },
  WhatIf: { css: 'whatif', label: 'What if: nothing was written' },
};

function badge(outcome: string): string {
  const known = OUTCOME[outcome];
  return `<span class="badge ${known?.css ?? 'other'}">${known ? known.label : escapeHtml(outcome)}</span>`;
}

/** Column headings say where each count comes from, which differs between export and import. */
function countHeadings(report: MigrationReport): [string, string] {
  return report.operation === 'Export' ? ['Source database', 'Package'] : ['Package', 'Target database'];
}

function table(head: string[], rows: string[], numericFrom = Number.POSITIVE_INFINITY, numericTo = -1): string {
  const th = head.map((h, i) => `<th scope="col"${i >= numericFrom && i <= numericTo ? ' class="n"' : ''}>${h}</th>`);
  return `<div class="scroll"><table><thead><tr>${th.join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

function renderHeader(report: MigrationReport, options: RenderOptions): string {
  const facts: [string, string][] = [
    ['Operation', escapeHtml(report.operation)],
    ['Source', text(report.source)],
    ['Source schema', text(report.sourceSchema)],
    ['Target', text(report.target)],
    ['Started', text(localTime(report.startedAt))],
    ['Finished', text(localTime(report.finishedAt))],
    ['Duration', formatDuration(report.durationSeconds)],
    ['Tool', `${text(report.tool.name)} ${text(report.tool.version)}`],
  ];
  if (options.jsonFileName !== undefined) {
    const href = escapeHtml(encodeURIComponent(options.jsonFileName), true);
    facts.push(['JSON twin', `<a href="${href}">${text(options.jsonFileName)}</a>`]);
  }
  const params = Object.entries(report.parameters);
  const paramRows = params.map(
    ([name, value]) =>
      `<tr><td>-${text(name)}</td><td>${value === '' ? '<span class="muted">(empty)</span>' : text(ISO_INSTANT.test(value) ? localTime(value) : value)}</td></tr>`,
  );
  return [
    '<header>',
    `<h1>${escapeHtml(report.operation)} report ${badge(report.outcome)}</h1>`,
    `<p class="route">${text(report.source)} → ${text(report.target)}</p>`,
    `<dl class="kv">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    '<h2 id="parameters">Parameters</h2>',
    params.length === 0 ? '<p class="muted">No parameters were given.</p>' : table(['Parameter', 'Value'], paramRows),
    '</header>',
  ].join('\n');
}

interface NoticeGroup {
  count: number;
  shown: Notice[];
}

const SEVERITY_ORDER = ['Error', 'Warning', 'Info'];

/** Severity -> rule -> notices, keeping at most NOTICES_PER_RULE of each so 100,000 notices stay cheap. */
function groupNotices(notices: readonly Notice[]): Map<string, Map<string, NoticeGroup>> {
  const bySeverity = new Map<string, Map<string, NoticeGroup>>();
  for (const n of notices) {
    let byRule = bySeverity.get(n.severity);
    if (!byRule) bySeverity.set(n.severity, (byRule = new Map()));
    let group = byRule.get(n.rule);
    if (!group) byRule.set(n.rule, (group = { count: 0, shown: [] }));
    group.count++;
    if (group.shown.length < NOTICES_PER_RULE) group.shown.push(n);
  }
  // Known severities first, worst first; anything unexpected in the data still shows, after them.
  const order = [...SEVERITY_ORDER, ...[...bySeverity.keys()].filter((s) => !SEVERITY_ORDER.includes(s)).sort()];
  return new Map(order.filter((s) => bySeverity.has(s)).map((s) => [s, sortedByKey(bySeverity.get(s)!)]));
}

function sortedByKey<V>(map: Map<string, V>): Map<string, V> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const severityId = (severity: string): string => `notices-${severity.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

function renderErrors(report: MigrationReport, groups: Map<string, Map<string, NoticeGroup>>): string {
  let errorNotices = 0;
  for (const group of groups.get('Error')?.values() ?? []) errorNotices += group.count;
  if (report.errors.length === 0 && errorNotices === 0) return '';
  const lines = ['<section id="errors" class="errors">', '<h2>Errors</h2>'];
  if (report.errors.length > 0) lines.push(`<ul>${report.errors.map((e) => `<li class="msg">${text(e)}</li>`).join('')}</ul>`);
  if (errorNotices > 0) {
    lines.push(`<p><a href="#${severityId('Error')}">${formatCount(errorNotices)} error notice${errorNotices === 1 ? '' : 's'}</a> name the objects concerned.</p>`);
  }
  lines.push('</section>');
  return lines.join('\n');
}

function renderSummary(report: MigrationReport): string {
  const [sourceHead, targetHead] = countHeadings(report);
  const totals = Object.entries(report.totals).map(([kind, pair]) => {
    const expected = expectedDifference(report, kind, pair);
    return (
      `<tr${rowClass(pair, expected)}><td>${text(kind)}</td><td class="n">${formatCount(pair.source)}</td>` +
      `<td class="n">${formatCount(pair.target)}</td><td>${checkMark(pair, expected, 'inline')}</td></tr>`
    );
  });
  const reasons = expectedReasons(report);
  return [
    '<section id="summary">',
    '<h2>Summary</h2>',
    totals.length === 0
      ? '<p class="muted">No counts were recorded.</p>'
      : table(['Object', escapeHtml(sourceHead), escapeHtml(targetHead), 'Check'], totals, 1, 2),
    reasons.length === 0
      ? ''
      : `<p class="note">ℹ Expected differences, not failures: ${reasons.map((r) => text(r)).join('; ')}. Counts marked ℹ differ for these reasons; counts marked ≠ differ for no reason the parameters explain.</p>`,
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** Counts per rule and severity: the overview at the top of the notices. */
function renderRuleTable(groups: Map<string, Map<string, NoticeGroup>>): string {
  const severities = [...groups.keys()];
  const rules = new Map<string, Map<string, number>>();
  for (const [severity, byRule] of groups) {
    for (const [rule, group] of byRule) {
      if (!rules.has(rule)) rules.set(rule, new Map());
      rules.get(rule)!.set(severity, group.count);
    }
  }
  const total = (severity: string): number => [...(groups.get(severity)?.values() ?? [])].reduce((s, g) => s + g.count, 0);
  const ruleRows = [...sortedByKey(rules)].map(([rule, counts]) => {
    const cells = severities.map((s) => `<td class="n">${counts.has(s) ? formatCount(counts.get(s)!) : ''}</td>`);
    const sum = [...counts.values()].reduce((a, b) => a + b, 0);
    return `<tr><td>${ruleLabel(rule)}</td>${cells.join('')}<td class="n">${formatCount(sum)}</td></tr>`;
  });
  return (
    `<p>${severities.map((s) => `<a href="#${severityId(s)}">${escapeHtml(s)}: ${formatCount(total(s))}</a>`).join(' · ')}</p>\n` +
    table(['Rule', ...severities.map((s) => escapeHtml(s)), 'Total'], ruleRows, 1, severities.length + 1)
  );
}

/** A rule as words, its id (what the JSON twin and the log hold) in the tooltip. */
function ruleLabel(rule: string): string {
  return `<span title="${escapeHtml(rule, true)}">${text(ruleWords(rule))}</span>`;
}

function renderRoom(report: MigrationReport, room: RoomLine): string {
  const renamed = room.sourceName !== room.name ? text(room.sourceName) : '';
  const expected = expectedDifference(report, 'messages', room.messages);
  return (
    `<tr${rowClass(room.messages, expected)}><td>${text(room.name)}</td><td>${renamed}</td>` +
    `<td>${room.disabled ? 'Yes' : 'No'}</td><td class="n">${formatCount(room.messages.source)}</td>` +
    `<td class="n">${formatCount(room.messages.target)}</td><td>${checkMark(room.messages, expected)}</td><td>${text(room.action)}</td></tr>`
  );
}

function renderCategory(report: MigrationReport, category: CategoryLine, open: boolean): string {
  const [sourceHead, targetHead] = countHeadings(report);
  const source = category.rooms.reduce((s, r) => s + r.messages.source, 0);
  const written = category.rooms.every((r) => r.messages.target !== null);
  const target = written ? category.rooms.reduce((s, r) => s + (r.messages.target ?? 0), 0) : null;
  const mismatches = category.rooms.filter((r) => differs(r.messages) && expectedDifference(report, 'messages', r.messages) === undefined).length;
  const expectedRooms = category.rooms.filter((r) => differs(r.messages) && expectedDifference(report, 'messages', r.messages) !== undefined).length;
  const roomWord = category.rooms.length === 1 ? 'room' : 'rooms';
  const summary =
    `<summary><strong>${text(category.name)}</strong> · ${text(category.action)} · ` +
    `${formatCount(category.rooms.length)} ${roomWord} · messages: ${escapeHtml(sourceHead.toLowerCase())} ${formatCount(source)}, ` +
    `${escapeHtml(targetHead.toLowerCase())} ${formatCount(target)}` +
    (mismatches > 0 ? ` <span class="mark diff">≠ ${formatCount(mismatches)} ${mismatches === 1 ? 'room differs' : 'rooms differ'}</span>` : '') +
    (expectedRooms > 0 ? ` <span class="mark expected">ℹ ${formatCount(expectedRooms)} ${expectedRooms === 1 ? 'room differs' : 'rooms differ'} as expected</span>` : '') +
    '</summary>';
  const head = ['Room', 'Original name', 'Disabled', `Messages: ${escapeHtml(sourceHead)}`, `Messages: ${escapeHtml(targetHead)}`, 'Check', 'Action'];
  return [
    `<details class="category"${open ? ' open="open"' : ''}>`,
    summary,
    `<dl class="kv"><dt>Source path</dt><dd>${text(category.sourcePath)}</dd><dt>Action</dt><dd>${text(category.action)}</dd></dl>`,
    category.rooms.length === 0 ? '<p class="muted">No rooms.</p>' : table(head, category.rooms.map((room) => renderRoom(report, room)), 3, 4),
    '</details>',
  ].join('\n');
}

function renderCategories(report: MigrationReport): string {
  const rooms = report.categories.reduce((s, c) => s + c.rooms.length, 0);
  const open = rooms <= OPEN_CATEGORIES_UP_TO_ROOMS;
  return [
    '<section id="categories">',
    '<h2>Categories and rooms</h2>',
    `<p>${formatCount(report.categories.length)} categor${report.categories.length === 1 ? 'y' : 'ies'}, ${formatCount(rooms)} room${rooms === 1 ? '' : 's'}.` +
      (open ? '' : ' Open a category to see its rooms; categories marked ≠ have rooms whose counts differ.') + '</p>',
    ...report.categories.map((c) => renderCategory(report, c, open)),
    '</section>',
  ].join('\n');
}

function renderNotices(groups: Map<string, Map<string, NoticeGroup>>, options: RenderOptions): string {
  const twin = options.jsonFileName === undefined ? 'the JSON twin' : `the JSON twin (${text(options.jsonFileName)})`;
  const lines = ['<section id="notices">', '<h2>Notices</h2>'];
  if (groups.size === 0) lines.push('<p>No notices.</p>');
  else lines.push(renderRuleTable(groups));
  for (const [severity, byRule] of groups) {
    const count = [...byRule.values()].reduce((s, g) => s + g.count, 0);
    lines.push(`<h3 id="${severityId(severity)}">${escapeHtml(severity)} (${formatCount(count)})</h3>`);
    for (const [rule, group] of byRule) {
      const open = severity === 'Error' || group.count <= OPEN_NOTICE_GROUP_UP_TO;
      const rows = group.shown.map(
        (n) => `<tr><td>${text(n.objectKind)}</td><td>${text(n.objectName)}</td><td class="msg">${text(n.message)}</td></tr>`,
      );
      lines.push(
        `<details class="notices ${escapeHtml(severity.toLowerCase(), true)}"${open ? ' open="open"' : ''}>`,
        `<summary>${ruleLabel(rule)} (${formatCount(group.count)})</summary>`,
        table(['Kind', 'Object', 'Message'], rows),
      );
      const more = group.count - group.shown.length;
      if (more > 0) {
        lines.push(`<p class="more">${formatCount(more)} more ${escapeHtml(severity)} notice${more === 1 ? '' : 's'} for ${text(ruleWords(rule))} (${text(rule)}) are not shown here; all of them are in ${twin}.</p>`);
      }
      lines.push('</details>');
    }
  }
  lines.push('</section>');
  return lines.join('\n');
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;max-width:75rem;padding:1rem}
h1,h2,h3,summary{overflow-wrap:break-word;word-break:normal}h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #bbb}h3{font-size:1.05rem;margin:1rem 0 .25rem}
.badge{display:inline-block;vertical-align:middle;font-size:.9rem;padding:.1rem .6rem;border:2px solid;border-radius:1rem;font-weight:600}
.ok{color:#0b5d1e;background:#e6f4ea}.fail{color:#a4000f;background:#fde7e9}.whatif{color:#0b3d91;background:#e8f0fe}.other{color:#444;background:#eee}
.route{font-size:1.1rem;margin:.25rem 0 .75rem;overflow-wrap:break-word}
.errors{border:2px solid #a4000f;background:#fde7e9;padding:0 1rem;margin:1rem 0}.errors h2{color:#a4000f;border:0}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}dl.kv dt{font-weight:600}dl.kv dd{margin:0;overflow-wrap:break-word;min-width:0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:left;vertical-align:top;overflow-wrap:break-word;word-break:normal;hyphens:manual}th{background:#f2f2f2}
.long{overflow-wrap:anywhere}.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th.n{white-space:normal}tr.diff td{background:#fff4ce}
.mark{white-space:nowrap;font-weight:600}.mark.same{color:#0b5d1e;font-weight:400}.mark.diff{color:#8a4b00}.mark.none{color:#555;font-weight:400}.mark.expected{color:#0b3d91;font-weight:400}.why{color:#444}.note{border-left:4px solid #0b3d91;background:#e8f0fe;padding:.4rem .75rem}
.msg{white-space:pre-wrap}.muted{color:#666}.more{font-style:italic}
.ctl{font:.85em ui-monospace,monospace;color:#a4000f;border:1px solid #a4000f;border-radius:3px;padding:0 2px}
summary{cursor:pointer;padding:.3rem 0}details.category{border-top:1px solid #ddd}details.notices.error summary{color:#a4000f}
@media (max-width:40rem){body{padding:.5rem}dl.kv{grid-template-columns:1fr}dl.kv dd{margin-left:1rem}}
@media print{body{max-width:none;padding:0;font-size:9pt}nav{display:none}.scroll{overflow:visible}
.badge,.errors,tr.diff td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}thead{display:table-header-group}tr{break-inside:avoid}
details:not([open])::details-content{content-visibility:visible}}
`;

/** The whole report page. */
export function renderReportHtml(report: MigrationReport, options: RenderOptions = {}): string {
  const groups = groupNotices(report.notices);
  const errors = renderErrors(report, groups);
  const nav = [
    ...(errors === '' ? [] : ['<a href="#errors">Errors</a>']),
    '<a href="#summary">Summary</a>',
    '<a href="#categories">Categories and rooms</a>',
    '<a href="#notices">Notices</a>',
  ];
  const title = `${report.operation} report: ${OUTCOME[report.outcome]?.label ?? report.outcome} (${report.source} → ${report.target})`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${escapeHtml(title, true)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    renderHeader(report, options),
    `<nav><p>${nav.join(' · ')}</p></nav>`,
    errors,
    renderSummary(report),
    renderCategories(report),
    renderNotices(groups, options),
    `<footer><p class="muted">Written by ${text(report.tool.name)} ${text(report.tool.version)}; report schema ${escapeHtml(String(report.schemaVersion))}.</p></footer>`,
    '</body>',
    '</html>',
  ]
    .filter((part) => part !== '')
    .join('\n') + '\n';
}
