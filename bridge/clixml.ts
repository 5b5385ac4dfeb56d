/**
 * CLIXML, PowerShell's object format, for the bridge (DESIGN.md §4): requests from the module arrive as
 * [PSSerializer]::Serialize output, and every record Node sends back is one single-line document that
 * [PSSerializer]::Deserialize turns into typed objects on Windows PowerShell 5.1 and PowerShell 7.
 *
 * Reading maps PowerShell's types to JS as follows:
 * - S, URI, XD, SBK, G (Guid), Version, SemanticVersion -> string; C (char) -> a one-character string.
 * - By, SB, I16, U16, I32, U32, I64, U64 -> number, or bigint beyond Number.MAX_SAFE_INTEGER.
 * - Sg, Db -> number; D (decimal) -> number when that is exactly the same decimal value, else its text (string).
 * - B -> boolean; Nil -> null; BA -> Buffer.
 * - DT -> Date (millisecond precision; a DateTime without zone is local time).
 * - TS (TimeSpan) -> number of milliseconds (fractional, down to the 100 ns tick).
 * - Obj with LST / IE / STK / QUE -> array (a Stack's items top first, as PowerShell writes them).
 * - Obj with DCT -> a null-prototype object when every key is written as `<S>`, else a Map (keys as read).
 * - Obj with Props / MS -> a null-prototype object of its properties (Props, then MS; a nested MS becomes a nested
 *   object). Read properties with `obj.Name`, `obj['__proto__']`, Object.keys/entries or Object.hasOwn;
 *   `obj.hasOwnProperty` and `String(obj)` do not exist on them.
 * - Obj with ToString and an integer (an enum) -> the ToString text, e.g. 'Red'; Obj around a primitive -> the
 *   primitive (its note properties are dropped); Obj with only ToString -> that string.
 * - typeNamesOf(value) gives an object's, array's or Map's type names (as written, without `Deserialized.`).
 * - Ref -> the very same JS value as the Obj it points to; TNRef -> the earlier TN's names.
 * - SS (SecureString) throws: it is encrypted for Windows only, so a PSCredential as PSSerializer writes it (its
 *   Password is an SS) cannot be read; the module sends credentials as user name and password instead.
 * - PR (ProgressRecord) and any unknown element throw, naming the element.
 */
export { serializeClixml, MAX_POWERSHELL_DEPTH } from './clixml-write.js';
export { deserializeClixml, deserializeClixmlSingle, typeNamesOf } from './clixml-read.js';
export type { DeserializeOptions } from './clixml-read.js';
export { ClixmlError, CLIXML_NAMESPACE, encodeClixmlString, decodeClixmlString } from './clixml-text.js';
