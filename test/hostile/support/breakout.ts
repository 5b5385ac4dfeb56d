/**
 * Names and text that try to break out of their XML element, their SQL string or their line: quotes, semicolons and
 * SQL comments, `]]>`, `</Name>`, NUL and other control characters, CR/LF, right-to-left overrides and marks, emoji,
 * non-characters, a lone surrogate. writeBreakouts() puts them into a source database made by New-PcmSampleDatabase
 * with direct SQL (better-sqlite3): category, room, user and add-in names, descriptions, and new messages.
 * snapshot() reads back, by GUID or id, every text column the tests compare, as SQLite's storage class and hex
 * bytes, so that "equal" means byte for byte.
 */
import Database from 'better-sqlite3';
import { textParam } from '../../../store/sqlite/sqlite-rows.js';

export const BREAKOUTS: readonly string[] = [
  `O'Brien "double" \`back\` 'single'`,
  `x'; DROP TABLE tblChat; --`,
  `"; DELETE FROM tblNode WHERE 1=1; /*`,
  `]]><![CDATA[ payload ]]>`,
  `</Name><Name>injected</Name>`,
  `<script>alert(1)</script> &amp; &lt; &#0; &lol;`,
  `nul\u0000inside`,
  `bell\u0007 esc\u001b vt\u000b ff\u000c del\u007f`,
  `tab\tlf\ncr\rcrlf\r\nend`,
  `\u202Eevil.exe\u202C rtl\u200F mark\u200E \u061C`,
  `emoji 🎉👍🏽🇳🇴 zwj 👩‍💻`,
  `\uFEFFbom and non-characters \uFFFE \uFFFF`,
  `lone \uD800 surrogate`,
  `   spaces around   `,
  `%s %n {0} \${x} $(rm -rf /) \\ back\\slash`,
];

/** Add-in names are at most 50 characters (tblSiopWhiteList.siopName). */
const short = (text: string, n: number): string => `${text.slice(0, 44)} #${n}`;

/** Rewrites names and descriptions of the source's categories, rooms, users and add-ins, and adds messages. */
export function writeBreakouts(path: string): void {
  const db = new Database(path);
  try {
    db.transaction(() => {
      const text = (value: string): string | Buffer => textParam(value)!;
      const categories = db.prepare('SELECT nodeID FROM tblNode WHERE nodeType = 1 AND nodeID <> parentID ORDER BY nodeID').all() as { nodeID: number }[];
      const rooms = db.prepare('SELECT nodeID FROM tblNode WHERE nodeType = 0 ORDER BY nodeID').all() as { nodeID: number }[];
      const users = db.prepare('SELECT prinID FROM tblPrincipal WHERE prinTypeID IN (SELECT ptypeID FROM tblPrincipalType WHERE ptypeIsUser = 1 AND ptypeIsSystemUser = 0) ORDER BY prinID').all() as { prinID: number }[];
      const addins = db.prepare('SELECT siopID FROM tblSiopWhiteList ORDER BY siopID').all() as { siopID: string }[];
      if (categories.length < 3 || rooms.length < BREAKOUTS.length || users.length < BREAKOUTS.length || addins.length < 2) throw new Error('breakout: the sample is too small');

      const node = db.prepare('UPDATE tblNode SET nodeName = ?, nodeDesc = ? WHERE nodeID = ?');
      categories.slice(0, 3).forEach((c, i) => node.run(text(`Category ${BREAKOUTS[i]!} #${i}`), text(BREAKOUTS[BREAKOUTS.length - 1 - i]!), c.nodeID));
      BREAKOUTS.forEach((b, i) => node.run(text(`Room ${b} #${i}`), text(b), rooms[i]!.nodeID));

      const user = db.prepare('UPDATE tblPrincipal SET prinName = ?, prinDisplayName = ?, prinCompanyName = ? WHERE prinID = ?');
      BREAKOUTS.forEach((b, i) => user.run(text(`user ${b} #${i}`), text(b), text(`${b} Ltd.`), users[i]!.prinID));

      const addin = db.prepare('UPDATE tblSiopWhiteList SET siopName = ?, siopUrl = ? WHERE siopID = ?');
      addin.run(text(short(BREAKOUTS[1]!, 1)), `https://addin.example/?q=';DROP TABLE x;--&a=]]>&b=</Url>`, addins[0]!.siopID);
      addin.run(text(short(BREAKOUTS[4]!, 2)), 'https://addin.example/"quoted"?x=<y>', addins[1]!.siopID);

      // New messages at the end of the first room, one per breakout text, by the renamed users, some with RTF.
      const room = rooms[0]!.nodeID;
      const last = db.prepare('SELECT MAX(chatId) AS id, MAX(chatDate) AS date FROM tblChat WHERE channelId = ?').safeIntegers(true).get(room) as { id: bigint | null; date: bigint | null };
      const insert = db.prepare('INSERT INTO tblChat (channelId, chatId, chatDate, userId, isAlert, content, rtf) VALUES (?, ?, ?, ?, ?, ?, ?)');
      let id = last.id ?? 0n;
      let date = last.date ?? 634000000000000000n;
      BREAKOUTS.forEach((b, i) => {
        insert.run(room, ++id, (date += 10_000_000n), users[i]!.prinID, i % 2, text(b), i % 3 === 0 ? text(`{\\rtf1 ${b}}`) : null);
      });
      insert.run(room, ++id, (date += 10_000_000n), users[0]!.prinID, 0, text(BREAKOUTS.join(' | ')), text(BREAKOUTS.join('\n')));
      db.prepare('INSERT OR REPLACE INTO tblLastChatId (nodeID, lastChatID) VALUES (?, ?)').run(room, id);
    })();
  } finally {
    db.close();
  }
}

/** `storage class:hex` of a column, so that two values compare byte for byte. */
const exact = (column: string): string => `typeof(${column}) || ':' || coalesce(hex(${column}), '')`;

/** Every text value the round trip must keep, keyed by what identifies it in both databases. */
export function snapshot(path: string): { nodes: string[]; principals: string[]; addins: string[]; chats: string[] } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = (sql: string): string[] => (db.prepare(sql).raw().all() as unknown[][]).map((r) => r.join(' '));
    return {
      nodes: rows(`SELECT nodeGuid, nodeType, ${exact('nodeName')}, ${exact('nodeDesc')} FROM tblNode WHERE nodeID <> parentID ORDER BY nodeGuid`),
      principals: rows(
        `SELECT prinGuid, ${['prinUri', 'prinName', 'prinDisplayName', 'prinCompanyName', 'prinEmail', 'prinADPath', 'prinADUserPrincipalName'].map(exact).join(', ')} FROM tblPrincipal WHERE prinID <> 1 ORDER BY prinGuid`,
      ),
      addins: rows(`SELECT lower(siopID), ${exact('siopName')}, ${exact('siopUrl')} FROM tblSiopWhiteList ORDER BY lower(siopID)`),
      chats: rows(
        // Chat ids are the target's own (assigned after the room's last); the order they give is what must match.
        `SELECT n.nodeGuid, c.chatDate, p.prinGuid, c.isAlert, ${exact('c.content')}, ${exact('c.rtf')} FROM tblChat c ` +
          'JOIN tblNode n ON n.nodeID = c.channelId JOIN tblPrincipal p ON p.prinID = c.userId ORDER BY n.nodeGuid, c.chatId',
      ),
    };
  } finally {
    db.close();
  }
}
