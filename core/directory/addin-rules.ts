/**
 * Microsoft's rules for a Persistent Chat add-in (domain.md §1.2, §3.4): a name unique per pool (case-insensitive)
 * of at most 50 characters, and a URL of at most 255 characters that is an absolute http or https address (the
 * Control Panel allows no other; a javascript: or file: URL would be shown in every room's extensibility pane).
 */
import { ParameterValueError } from '../errors.js';
import { excerpt } from '../excerpt.js';

export const ADDIN_NAME_MAX = 50;
export const ADDIN_URL_MAX = 255;

export function checkAddinName(value: string): string {
  const name = value.trim();
  if (name === '') throw new ParameterValueError('-Name is empty: give the add-in a name, for example ITPersistentChatAddin.', 'Name');
  if (name.length > ADDIN_NAME_MAX) throw new ParameterValueError(`-Name '${excerpt(name)}' is longer than ${ADDIN_NAME_MAX} characters, the most tblSiopWhiteList holds.`, 'Name');
  if (name.includes('\\')) throw new ParameterValueError(`-Name '${excerpt(name)}' contains a backslash, which separates the pool from the name in an identity.`, 'Name');
  return name;
}

export function checkAddinUrl(value: string): string {
  const text = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ParameterValueError(`-Url '${excerpt(text)}' is not an http or https address; add-ins show a web page, for example https://atl-cs-001.litwareinc.com/itchat.`, 'Url');
  }
  if (text.length > ADDIN_URL_MAX) throw new ParameterValueError(`-Url is ${text.length} characters long; at most ${ADDIN_URL_MAX} fit in tblSiopWhiteList.`, 'Url');
  return text;
}
