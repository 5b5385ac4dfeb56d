/**
 * The report as a person reads it (issue 17, item 7): no word broken inside (checked in the page's CSS and markup;
 * the pages were also looked at in headless Chromium at 1400 and 800 px during development), long headings that
 * wrap, expected differences shown as expected, rules in words, local times to the second, "Notices" once.
 */
import assert from 'node:assert/strict';
import type { Notice } from '../../core/convert/notices.js';
import { PcmError } from '../../core/errors.js';
import { renderReportHtml } from '../../report/report-html.js';
import { writeReport } from '../../report/write-report.js';
import type { MigrationReport } from '../../report/report-model.js';
import { localTime, ruleWords } from '../../report/report-words.js';

const LONG_NAME = `Announcements - ${'L'.repeat(160)}`;

function report(overrides: Partial<MigrationReport> = {}): MigrationReport {
  const notices: Notice[] = [
    { rule: 'FlattenedCategory', severity: 'Info', objectKind: 'Category', objectName: 'Sales - EMEA', message: 'Became Sales - EMEA.' },
    { rule: 'FederatedUser', severity: 'Warning', objectKind: 'Principal', objectName: 'sip:partner@fabrikam.com', message: 'Disabled.' },
  ];
  return {
    schemaVersion: 1,
    operation: 'Export',
    tool: { name: 'PersistentChatMigration', version: '0.1.0' },
    outcome: 'Succeeded',
    startedAt: '2024-05-01T10:00:00.123Z',
    finishedAt: '2024-05-01T10:00:01.987Z',
    durationSeconds: 1.9,
    source: 'sqlite:legacy.db',
    target: `/srv/exports/${'x'.repeat(80)}.zip`,
    sourceSchema: 'GroupChat2010',
    parameters: { DBInstance: 'sqlite:legacy.db', FileName: 'date.zip', StartDate: '2011-06-01T00:00:00.000Z' },
    totals: { categories: { source: 2, target: 2 }, messages: { source: 3000, target: 1057 } },
    categories: [
      { name: 'Category', sourcePath: 'Category', action: 'Exported', rooms: [{ name: 'Room 0001', sourceName: 'Room 0001', disabled: false, messages: { source: 718, target: 263 }, action: 'Exported' }] },
      { name: LONG_NAME, sourcePath: LONG_NAME, action: 'Exported', rooms: [] },
    ],
    notices,
    errors: [],
    ...overrides,
  };
}

/** The page's CSS rules as [selector, declarations]. */
function cssRules(html: string): [string, string][] {
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!.replace(/@media[^{]*\{((?:[^{}]*\{[^}]*\})*)\s*\}/g, '$1');
  return [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].map((m) => [m[1]!.trim(), m[2]!]);
}

describe('report: layout and wording', () => {
  const html = renderReportHtml(report(), { jsonFileName: 'x.json' });

  it('breaks no word inside: no overflow-wrap:anywhere or word-break:break-all except on long tokens', () => {
    for (const [selector, body] of cssRules(html)) {
      if (/overflow-wrap:\s*anywhere|word-break:\s*break-(all|word)/.test(body)) assert.equal(selector, '.long', `${selector} may break short words: ${body}`);
    }
    const cells = cssRules(html).find(([selector]) => selector === 'th,td')![1];
    assert.match(cells, /overflow-wrap:break-word/, 'cells wrap between words, and break only what cannot fit');
    assert.match(cells, /word-break:normal/);
    // Only long runs without a space are marked as breakable anywhere; ordinary words never are.
    const marked = [...html.matchAll(/<span class="long">([^<]*)<\/span>/g)].map((m) => m[1]!);
    assert.ok(marked.length > 0, 'the long name and the long path are marked');
    for (const token of marked) {
      assert.ok(!/\s/.test(token) && [...token].length >= 24, `'${token}' is not a long token`);
    }
    assert.ok(!marked.some((t) => /^(Category|Room|Exported|Announcements)$/.test(t)));
    assert.ok(marked.includes('L'.repeat(160)));
  });

  it('lets long headings wrap: headings and category summaries wrap between words, the long name inside them too', () => {
    const headings = cssRules(html).find(([selector]) => selector.split(',').includes('summary'))!;
    assert.deepEqual(headings[0].split(',').sort(), ['h1', 'h2', 'h3', 'summary']);
    assert.match(headings[1], /overflow-wrap:break-word/);
    assert.match(html, new RegExp(`<summary><strong><bdi>Announcements - <span class="long">L{160}</span></bdi></strong>`));
    // A numeric column's heading may wrap (its numbers may not).
    assert.ok(cssRules(html).some(([selector, body]) => selector === 'th.n' && /white-space:normal/.test(body)));
  });

  it('shows differences the parameters explain as expected, not as failures, and keeps others marked', () => {
    // -StartDate: fewer messages in the package is what was asked for.
    assert.doesNotMatch(html, /class="mark diff"|<tr class="diff">/);
    assert.match(html, /<tr class="expected"><td><bdi>messages<\/bdi><\/td><td class="n">3,000<\/td><td class="n">1,057<\/td><td><span class="mark expected">ℹ −1,943, expected<\/span> <span class="why"><bdi>-StartDate 2011-06-01 /);
    assert.match(html, /<p class="note">ℹ Expected differences, not failures: /);
    assert.match(html, /<span class="mark expected" title="-StartDate [^"]*">ℹ −455, expected<\/span>/);
    assert.match(html, /ℹ 1 room differs as expected/);
    // Without -StartDate the same counts are a difference nobody asked for.
    const plain = renderReportHtml(report({ parameters: { DBInstance: 'sqlite:legacy.db', FileName: 'date.zip' } }));
    assert.match(plain, /<tr class="diff"><td><bdi>messages<\/bdi>/);
    assert.match(plain, /≠ 1 room differs/);
    assert.doesNotMatch(plain, /class="note"|mark expected/);
    // -Level and -Scope leave data out on purpose.
    for (const parameters of [{ Level: 'RoomDirectory' }, { Scope: 'Sales' }] as Record<string, string>[]) {
      const page = renderReportHtml(report({ parameters: { DBInstance: 'sqlite:legacy.db', ...parameters } }));
      assert.doesNotMatch(page, /class="mark diff"/, JSON.stringify(parameters));
      assert.match(page, new RegExp(`-${Object.keys(parameters)[0]} ${Object.values(parameters)[0]} exports only`));
    }
    // An import into a database that already held messages finds more there than the package brought.
    const into = renderReportHtml(report({ operation: 'Import', parameters: {}, totals: { messages: { source: 1057, target: 3000 } }, categories: [] }));
    assert.match(into, /ℹ \+1,943, expected<\/span> <span class="why"><bdi>the target database already held more/);
    const lost = renderReportHtml(report({ operation: 'Import', parameters: {}, totals: { messages: { source: 3000, target: 1057 } }, categories: [] }));
    assert.match(lost, /<span class="mark diff">≠ differs by −1,943<\/span>/, 'an import that lost messages is a difference');
  });

  it('names rules in words, with the id in the tooltip', () => {
    assert.match(html, /<span title="FlattenedCategory"><bdi>Flattened category names<\/bdi><\/span>/);
    assert.match(html, /<span title="FederatedUser"><bdi>Federated users disabled<\/bdi><\/span>/);
    // No CamelCase rule id is shown as text (only in title attributes).
    const shown = html.replace(/<[^>]*>/g, ' ');
    assert.doesNotMatch(shown, /\b(FlattenedCategory|FederatedUser)\b/);
    assert.equal(ruleWords('SomeNewRule'), 'Some new rule', 'an unknown id is split into words');
  });

  it('shows times in local time, to the second, with the offset from UTC', () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Europe/Berlin';
      assert.equal(localTime('2024-05-01T10:00:00.123Z'), '2024-05-01 12:00:00 (UTC+02:00)');
      assert.equal(localTime('2024-01-01T10:00:00Z'), '2024-01-01 11:00:00 (UTC+01:00)');
      const page = renderReportHtml(report());
      assert.match(page, /<dt>Started<\/dt><dd><bdi>2024-05-01 12:00:00 \(UTC\+02:00\)<\/bdi><\/dd>/);
      assert.match(page, /<td>-<bdi>StartDate<\/bdi><\/td><td><bdi>2011-06-01 02:00:00 \(UTC\+02:00\)<\/bdi><\/td>/);
      process.env.TZ = 'America/New_York';
      assert.equal(localTime('2024-05-01T10:00:00.123Z'), '2024-05-01 06:00:00 (UTC−04:00)');
      assert.equal(localTime('not a date'), 'not a date');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    assert.doesNotMatch(html, /\d{2}:\d{2}:\d{2}\.\d{3}/, 'no milliseconds anywhere');
  });

  it('says "Notices" once, in a failed report too', () => {
    const failed = renderReportHtml(report({ outcome: 'Failed', totals: {}, categories: [], errors: ['Messages-000001.xml: the part cannot be read.'] }));
    for (const page of [html, failed]) {
      assert.equal((page.match(/<h[1-6][^>]*>Notices<\/h[1-6]>/g) ?? []).length, 1);
      assert.ok(page.indexOf('<span title="FlattenedCategory">') > page.indexOf('<section id="notices">'), 'the rule counts are under Notices');
    }
  });
});

describe('report: a folder that cannot be made', () => {
  // Node's recursive mkdir never returns here; the report used it for its folder.
  it('fails at once for -Report /proc/nope/x.html, naming the report and the folder', async () => {
    await assert.rejects(writeReport('/proc/nope/x.html', report()), (error: unknown) => {
      assert.ok(error instanceof PcmError);
      assert.equal(error.errorId, 'ReportWriteFailed');
      assert.match(error.message, /Cannot create the folder '\/proc\/nope' for the report '\/proc\/nope\/x.html'.*'\/proc' exists but cannot hold the new folder 'nope'/);
      return true;
    });
  });
});
