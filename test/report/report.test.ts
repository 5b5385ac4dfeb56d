/**
 * The -Report pair: the HTML page must be safe and readable whatever the names hold, and writing it must never lose
 * an earlier report or leave half of one.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { Notice } from '../../core/convert/notices.js';
import { PcmError } from '../../core/errors.js';
import { escapeHtml, formatDuration, NOTICES_PER_RULE, renderReportHtml } from '../../report/report-html.js';
import type { MigrationReport } from '../../report/report-model.js';
import { writeReport } from '../../report/write-report.js';
import { tempDir } from '../support/temp.js';

const HOSTILE = 'Evil <script>alert("x")</script> & \'quotes\' ]]> \u202Eרשימה 😀 nul\u0000 bell\u0007 del\u007F c1\u0085 lone\uD800';

function sampleReport(overrides: Partial<MigrationReport> = {}): MigrationReport {
  const notices: Notice[] = [
    { rule: 'NameConflict', severity: 'Error', objectKind: 'ChatRoom', objectName: HOSTILE, message: 'Two rooms share this name.' },
    { rule: 'FlattenedCategory', severity: 'Warning', objectKind: 'Category', objectName: 'Sales/EMEA', message: 'Became Sales - EMEA.' },
    { rule: 'TopicDropped', severity: 'Info', objectKind: 'ChatRoom', objectName: 'Lobby', message: 'Topic <b>dropped</b>.' },
  ];
  return {
    schemaVersion: 1,
    operation: 'Import',
    tool: { name: 'PersistentChatMigration', version: '0.1.0' },
    outcome: 'Succeeded',
    startedAt: '2024-05-01T10:00:00.000Z',
    finishedAt: '2024-05-01T11:02:05.000Z',
    durationSeconds: 3725,
    source: 'C:\\pc\\export.zip',
    target: 'atl-sql-001.litwareinc.com\\rtc/mgc',
    sourceSchema: 'GroupChat2010',
    parameters: { DBInstance: 'atl-sql-001.litwareinc.com\\rtc', FileName: 'C:\\pc\\export.zip', Report: '' },
    totals: {
      Category: { source: 3, target: 3 },
      ChatRoom: { source: 4, target: 4 },
      Message: { source: 1234567, target: 1234560 },
    },
    categories: [
      {
        name: 'Engineering',
        sourcePath: 'Root/Engineering',
        action: 'Created',
        rooms: [
          { name: 'Build', sourceName: 'Build', disabled: false, messages: { source: 1000000, target: 1000000 }, action: 'Created' },
          { name: 'Engineering - Ops', sourceName: 'Ops', disabled: true, messages: { source: 200000, target: 199993 }, action: 'Overwritten' },
        ],
      },
      {
        name: HOSTILE,
        sourcePath: `Root/${HOSTILE}`,
        action: 'Overwritten',
        rooms: [{ name: HOSTILE, sourceName: HOSTILE, disabled: false, messages: { source: 34567, target: 34567 }, action: 'Created' }],
      },
      { name: 'Sales - EMEA', sourcePath: 'Root/Sales/EMEA', action: 'Created', rooms: [] },
    ],
    notices,
    errors: [`Room ${HOSTILE} could not be written.`],
    ...overrides,
  };
}

/** Every element name that opens or closes a tag in the page. */
function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase());
}

describe('report: renderReportHtml', () => {
  const html = renderReportHtml(sampleReport(), { jsonFileName: 'import.json' });

  it('escapes hostile names: no markup from data, no raw control characters', () => {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /alert\("x"\)/, 'quotes in data must be escaped');
    // The script tag is one long token: marked as one that may break anywhere, and still escaped.
    assert.match(html, /Evil <span class="long">&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;<\/span> &amp; &#39;quotes&#39; \]\]&gt;/);
    // Controls other than tab/LF/CR, C1 controls, lone surrogates and noncharacters make an HTML page invalid.
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(html, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}|\p{Noncharacter_Code_Point}/u);
    for (const shown of ['U+0000', 'U+0007', 'U+007F', 'U+0085', 'U+D800']) {
      assert.match(html, new RegExp(`<span class="ctl"[^>]*>${shown.replace('+', '\\+')}</span>`), shown);
    }
    // Text the page should carry as is.
    assert.ok(html.includes('\u202Eרשימה 😀'), 'RTL marks, Hebrew and emoji pass through');
    assert.match(html, /<bdi>Evil <span class="long">&lt;script/, 'data is isolated against bidi reordering');
    // The only tags are ones the renderer emits.
    const allowed = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'dl', 'dt', 'dd',
      'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'bdi', 'a', 'nav', 'section', 'ul', 'li', 'details', 'summary',
      'strong', 'footer']);
    assert.deepEqual(tagsOf(html).filter((t) => !allowed.has(t)), []);
  });

  it('escapes attributes and text alike, with visible control characters', () => {
    assert.equal(escapeHtml('a<b>&"\'\u0001\t\n'), 'a&lt;b&gt;&amp;&quot;&#39;<span class="ctl" title="invisible character">U+0001</span>\t\n');
    assert.equal(escapeHtml('x\u0000"y', true), 'x[U+0000]&quot;y');
    assert.match(html, /<title>Import report: Succeeded \(C:\\pc\\export.zip → atl-sql/);
  });

  it('is well-formed markup with only known entities', () => {
    assert.equal(XMLValidator.validate(html), true);
    const entities = [...html.matchAll(/&[^;\s]*;?/g)].map((m) => m[0]);
    assert.deepEqual(entities.filter((e) => !/^&(amp|lt|gt|quot|#39);$/.test(e)), []);
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    assert.match(html, /<meta charset="utf-8" \/>/);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|src=|url\(|@import/i, 'no script and nothing fetched');
  });

  it('marks source/target mismatches and leaves matches unmarked', () => {
    const messages = /<tr class="diff"><td><bdi>Message<\/bdi><\/td><td class="n">1,234,567<\/td><td class="n">1,234,560<\/td><td><span class="mark diff">≠ differs by −7<\/span>/;
    assert.match(html, messages);
    assert.match(html, /<tr><td><bdi>ChatRoom<\/bdi><\/td><td class="n">4<\/td><td class="n">4<\/td><td><span class="mark same">/);
    assert.match(html, /<tr class="diff"><td><bdi>Engineering - Ops<\/bdi><\/td><td><bdi>Ops<\/bdi><\/td><td>Yes<\/td>/);
    assert.match(html, /<tr><td><bdi>Build<\/bdi><\/td><td><\/td><td>No<\/td><td class="n">1,000,000<\/td>/);
    assert.match(html, /<summary><strong><bdi>Engineering<\/bdi><\/strong> · <bdi>Created<\/bdi> · 2 rooms · messages: package 1,200,000, target database 1,199,993 <span class="mark diff">≠ 1 room differs<\/span><\/summary>/);
    assert.match(html, /<dt>Source path<\/dt><dd><bdi>Root\/Sales\/EMEA<\/bdi><\/dd>/);
    assert.equal((html.match(/<tr class="diff">/g) ?? []).length, 2, 'exactly the two differing rows');
  });

  it('puts the outcome, the route, times, the tool and parameters in the header', () => {
    assert.match(html, /<h1>Import report <span class="badge ok">Succeeded<\/span><\/h1>/);
    assert.match(html, /<dt>Duration<\/dt><dd>1 h 2 min 5 s<\/dd>/);
    assert.match(html, /<th scope="col" class="n">Package<\/th><th scope="col" class="n">Target database<\/th>/);
    assert.match(html, /<tr><td>-<bdi>DBInstance<\/bdi><\/td><td><bdi><span class="long">atl-sql-001.litwareinc.com\\rtc<\/span><\/bdi><\/td><\/tr>/);
    assert.match(html, /<tr><td>-<bdi>Report<\/bdi><\/td><td><span class="muted">\(empty\)<\/span><\/td><\/tr>/);
    assert.match(html, /<a href="import.json"><bdi>import.json<\/bdi><\/a>/);
  });

  it('shows errors before the summary, and groups notices by severity then rule', () => {
    const errors = html.indexOf('<section id="errors"');
    assert.ok(errors > 0 && errors < html.indexOf('<section id="summary"'), 'errors come before the summary');
    assert.match(html, /<li class="msg"><bdi>Room Evil <span class="long">&lt;script/);
    const order = ['id="notices-error"', 'id="notices-warning"', 'id="notices-info"'].map((id) => html.indexOf(id));
    assert.ok(order.every((at) => at > 0), 'every severity has a section');
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'Error, then Warning, then Info');
    assert.match(html, /<summary><span title="TopicDropped"><bdi>Room topics dropped<\/bdi><\/span> \(1\)<\/summary>[\s\S]*<td class="msg"><bdi>Topic &lt;b&gt;dropped&lt;\/b&gt;.<\/bdi><\/td>/);
    assert.match(html, /<tr><td><span title="NameConflict"><bdi>Name conflicts<\/bdi><\/span><\/td><td class="n">1<\/td><td class="n"><\/td><td class="n"><\/td><td class="n">1<\/td><\/tr>/);
  });

  it('leaves out the error box when there are no errors', () => {
    const clean = renderReportHtml(sampleReport({ errors: [], notices: [] }));
    assert.doesNotMatch(clean, /id="errors"/);
    assert.match(clean, /<p>No notices.<\/p>/);
  });

  it('shows Failed and WhatIf badges, and marks counts that were not written', () => {
    assert.match(renderReportHtml(sampleReport({ outcome: 'Failed' })), /<span class="badge fail">Failed<\/span>/);
    const whatIf = renderReportHtml(
      sampleReport({
        outcome: 'WhatIf',
        operation: 'Export',
        totals: { ChatRoom: { source: 4, target: null } },
      }),
    );
    assert.match(whatIf, /<h1>Export report <span class="badge whatif">What if: nothing was written<\/span><\/h1>/);
    assert.match(whatIf, /<td class="n">4<\/td><td class="n">—<\/td><td><span class="mark none">— not written<\/span>/);
    assert.match(whatIf, /class="n">Source database<\/th><th scope="col" class="n">Package<\/th>/);
  });

  it('renders at most NOTICES_PER_RULE notices per rule and says how many more the JSON twin holds', () => {
    const many: Notice[] = [];
    for (let i = 0; i < NOTICES_PER_RULE + 1500; i++) {
      many.push({ rule: 'Overwrite', severity: 'Warning', objectKind: 'ChatRoom', objectName: `room-${i}`, message: 'Overwritten.' });
    }
    many.push({ rule: 'DisabledRoom', severity: 'Warning', objectKind: 'ChatRoom', objectName: 'only', message: 'Disabled.' });
    const page = renderReportHtml(sampleReport({ notices: many }), { jsonFileName: 'r.json' });
    assert.equal((page.match(/<td><bdi>room-\d+<\/bdi><\/td>/g) ?? []).length, NOTICES_PER_RULE);
    assert.ok(page.includes(`<bdi>room-${NOTICES_PER_RULE - 1}</bdi>`) && !page.includes(`<bdi>room-${NOTICES_PER_RULE}</bdi>`));
    assert.match(page, /<p class="more">1,500 more Warning notices for <bdi>Existing items overwritten<\/bdi> \(<bdi>Overwrite<\/bdi>\) are not shown here; all of them are in the JSON twin \(<bdi>r.json<\/bdi>\).<\/p>/);
    assert.equal((page.match(/class="more"/g) ?? []).length, 1, 'a rule under the cap has no "more" line');
    assert.match(page, /<details class="notices warning">\n<summary><span title="Overwrite"><bdi>Existing items overwritten<\/bdi><\/span> \(3,500\)<\/summary>/, 'a big group starts closed');
    assert.match(page, /<details class="notices warning" open="open">\n<summary><span title="DisabledRoom"><bdi>Disabled rooms<\/bdi><\/span> \(1\)<\/summary>/);
  });

  it('starts categories closed when there are many rooms, and open when there are few', () => {
    assert.equal((html.match(/<details class="category" open="open">/g) ?? []).length, 3);
    const rooms = Array.from({ length: 300 }, (_, i) => ({
      name: `r${i}`, sourceName: `r${i}`, disabled: false, messages: { source: i, target: i }, action: 'Created',
    }));
    const big = renderReportHtml(sampleReport({ categories: [{ name: 'Big', sourcePath: 'Root/Big', action: 'Created', rooms }] }));
    assert.match(big, /<details class="category">\n<summary><strong><bdi>Big<\/bdi><\/strong> · <bdi>Created<\/bdi> · 300 rooms/);
    assert.equal(XMLValidator.validate(big), true);
  });

  it('formats durations for people', () => {
    assert.deepEqual(
      [0.35, 12.44, 59.96, 60, 3725, 90061, -1, Number.NaN].map(formatDuration),
      ['350 ms', '12.4 s', '1 min', '1 min', '1 h 2 min 5 s', '1 d 1 h 1 min', 'unknown', 'unknown'],
    );
  });
});

describe('report: writeReport', () => {
  it('writes the page and a JSON twin that parses back to the model', async () => {
    const dir = join(tempDir(), 'new', 'folder');
    const report = sampleReport();
    const written = await writeReport(join(dir, 'import.html'), report);
    assert.deepEqual(written, { html: join(dir, 'import.html'), json: join(dir, 'import.json') });
    assert.equal(readFileSync(written.html, 'utf8'), renderReportHtml(report, { jsonFileName: 'import.json' }));
    assert.deepEqual(JSON.parse(readFileSync(written.json, 'utf8')), report);
    assert.deepEqual(readdirSync(dir).sort(), ['import.html', 'import.json'], 'no temporary files are left');
  });

  it('appends .json when the page has no extension, and turns a stray bigint into a string', async () => {
    const dir = tempDir();
    const report = { ...sampleReport(), durationSeconds: 5n } as unknown as MigrationReport;
    const written = await writeReport(join(dir, 'report'), report);
    assert.equal(written.json, join(dir, 'report.json'));
    assert.equal(JSON.parse(readFileSync(written.json, 'utf8')).durationSeconds, '5');
  });

  it('keeps the earlier report as .previous, one generation deep', async () => {
    const dir = tempDir();
    const path = join(dir, 'run.html');
    await writeReport(path, sampleReport({ source: 'first' }));
    const second = await writeReport(path, sampleReport({ source: 'second' }));
    assert.equal(second.previous, join(dir, 'run.previous.html'));
    assert.match(readFileSync(join(dir, 'run.previous.html'), 'utf8'), /<bdi>first<\/bdi> →/);
    assert.equal(JSON.parse(readFileSync(join(dir, 'run.previous.json'), 'utf8')).source, 'first');
    assert.equal(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).source, 'second');

    await writeReport(path, sampleReport({ source: 'third' }));
    assert.equal(JSON.parse(readFileSync(join(dir, 'run.previous.json'), 'utf8')).source, 'second');
    assert.match(readFileSync(path, 'utf8'), /<bdi>third<\/bdi> →/);
    assert.deepEqual(readdirSync(dir).sort(), ['run.html', 'run.json', 'run.previous.html', 'run.previous.json']);
  });

  it('does not pair a kept page with an older, unrelated JSON', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.html'), 'hand-made');
    writeFileSync(join(dir, 'r.previous.json'), '{"stale":true}');
    const written = await writeReport(join(dir, 'r.html'), sampleReport());
    assert.equal(written.previous, join(dir, 'r.previous.html'));
    assert.equal(readFileSync(join(dir, 'r.previous.html'), 'utf8'), 'hand-made');
    assert.deepEqual(readdirSync(dir).sort(), ['r.html', 'r.json', 'r.previous.html']);
  });

  it('fails with ReportWriteFailed when a parent of the path is a file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'blocker'), 'x');
    const path = join(dir, 'blocker', 'sub', 'report.html');
    await assert.rejects(writeReport(path, sampleReport()), (error: unknown) => {
      assert.ok(error instanceof PcmError);
      assert.equal(error.errorId, 'ReportWriteFailed');
      assert.equal(error.category, 'WriteError');
      assert.equal(error.target, path);
      assert.ok(error.message.includes(join(dir, 'blocker', 'sub')), error.message);
      assert.match(error.message, /not a folder/);
      return true;
    });
  });

  it('fails with ReportWriteFailed when the path is a folder, and leaves nothing behind', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out.html'));
    await assert.rejects(writeReport(join(dir, 'out.html'), sampleReport()), (error: unknown) => {
      assert.ok(error instanceof PcmError);
      assert.equal(error.errorId, 'ReportWriteFailed');
      assert.equal(error.target, join(dir, 'out.html'));
      assert.match(error.message, /is a folder; give a file name/);
      return true;
    });
    assert.deepEqual(readdirSync(dir), ['out.html']);
  });

  it('refuses a .json page name, which would collide with its twin', async () => {
    const dir = tempDir();
    await assert.rejects(writeReport(join(dir, 'x.json'), sampleReport()), { name: 'PcmError', errorId: 'ReportWriteFailed' });
    assert.deepEqual(readdirSync(dir), []);
  });
});
