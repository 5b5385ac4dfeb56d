/**
 * Names and texts for sample data, chosen to break careless code: non-ASCII and right-to-left names, emoji, CR/LF,
 * leading and trailing spaces, strings that look like numbers, markup-like text and RTF.
 */
export const FIRST_NAMES = [
  'Ken', 'Anna', 'José', 'Zoë', 'Øystein', 'Łukasz', 'Ægir', 'Françoise', 'Björk', 'Αλέξανδρος', '王伟', '佐藤',
  'محمد', 'Олег', 'Siobhán', 'Nguyễn', 'Priya', "O'Brien", 'Mary-Jane', 'Chloé', 'İsmail', 'Saoirse', 'Jürgen', 'Ana',
];
export const LAST_NAMES = [
  'Myer', 'Müller', 'García', 'Nørgaard', 'Kowalski', 'Þórsson', 'Dupont', 'Smith', 'Παπαδόπουλος', '李', 'Tanaka',
  'علي', 'Иванов', 'Ní Bhriain', 'Trần', 'Sharma', 'Lee', 'Van der Berg', 'Åberg', 'Öztürk', 'Kim', 'Rossi',
];

export const WORDS = [
  'deploy', 'the', 'release', 'build', 'is', 'green', 'again', 'review', 'please', 'meeting', 'at', 'noon', 'customer',
  'ticket', 'fixed', 'database', 'backup', 'tonight', 'server', 'restart', 'pool', 'latency', 'looks', 'fine', 'thanks',
  'über', 'café', 'naïve', 'résumé', 'façade', 'Zürich', 'København', 'smörgåsbord', 'straße', 'jalapeño',
];

export const SPECIAL_MESSAGES = [
  '007',
  '1e5',
  '0x1F',
  '-0',
  'true',
  '   leading and trailing spaces   ',
  'line one\r\nline two\r\nline three',
  'a lone CR\rand a lone LF\nand a tab\there',
  '<b>bold</b> &amp; <i>italic</i> are not HTML here',
  'CDATA end ]]> inside text, and </Content> too',
  'quotes "double" and \'single\' and `back`',
  'emoji 🎉🚀👍🏽 and flags 🇳🇴🇯🇵',
  'right-to-left: مرحبا بالعالم \u200Fשלום\u200F mixed',
  'math: 2 < 3 && 5 > 4',
  'ma-filelink://contoso.com/files/report.xlsx',
  '[STORY]A long story title[/STORY]',
  'a bell \u0007 and a form feed \u000C are control characters',
  '',
];

export const RTF_BODIES = [
  '{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Segoe UI;}}\\f0\\fs20 Hello \\b world\\b0 !\\par}',
  '{\\rtf1\\ansi{\\colortbl;\\red255\\green0\\blue0;}\\cf1 red text\\cf0 \\u233?t\\u233?\\par}',
];

export const TOPICS = ['Daily stand-up', 'Release train', 'Ask me anything', 'Incidents only', 'Welcome! Read the pinned notes', 'Ünïcödé topic ✓'];
