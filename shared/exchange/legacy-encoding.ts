/**
 * Vietnamese text typed in the 8-bit encodings of the 1990s–2000s, still common in old agency
 * files: TCVN3 (ABC; fonts ".VnTime", ".VnTimeH" …) and VNI (fonts "VNI-Times" …). In a Word file
 * such text is stored as the Latin-1 characters of those bytes ("ViÖt Nam" in TCVN3, "Vieät Nam"
 * in VNI) and only looks right with the old font installed. These tables turn it into Unicode.
 * No I/O; used by the DOCX and Markdown importers.
 */

export type LegacyEncoding = 'tcvn3' | 'vni';

// TCVN 5712:1993 (VN3): byte → character; lower-case letters, plus Ă Â Ê Ô Ơ Ư Đ.
const tcvn3Pairs: [number, string][] = [
  [0xa1, 'Ă'], [0xa2, 'Â'], [0xa3, 'Ê'], [0xa4, 'Ô'], [0xa5, 'Ơ'], [0xa6, 'Ư'], [0xa7, 'Đ'],
  [0xa8, 'ă'], [0xa9, 'â'], [0xaa, 'ê'], [0xab, 'ô'], [0xac, 'ơ'], [0xad, 'ư'], [0xae, 'đ'],
  [0xb5, 'à'], [0xb6, 'ả'], [0xb7, 'ã'], [0xb8, 'á'], [0xb9, 'ạ'],
  [0xbb, 'ằ'], [0xbc, 'ẳ'], [0xbd, 'ẵ'], [0xbe, 'ắ'], [0xc6, 'ặ'],
  [0xc7, 'ầ'], [0xc8, 'ẩ'], [0xc9, 'ẫ'], [0xca, 'ấ'], [0xcb, 'ậ'],
  [0xcc, 'è'], [0xce, 'ẻ'], [0xcf, 'ẽ'], [0xd0, 'é'], [0xd1, 'ẹ'],
  [0xd2, 'ề'], [0xd3, 'ể'], [0xd4, 'ễ'], [0xd5, 'ế'], [0xd6, 'ệ'],
  [0xd7, 'ì'], [0xd8, 'ỉ'], [0xdc, 'ĩ'], [0xdd, 'í'], [0xde, 'ị'],
  [0xdf, 'ò'], [0xe1, 'ỏ'], [0xe2, 'õ'], [0xe3, 'ó'], [0xe4, 'ọ'],
  [0xe5, 'ồ'], [0xe6, 'ổ'], [0xe7, 'ỗ'], [0xe8, 'ố'], [0xe9, 'ộ'],
  [0xea, 'ờ'], [0xeb, 'ở'], [0xec, 'ỡ'], [0xed, 'ớ'], [0xee, 'ợ'],
  [0xef, 'ù'], [0xf1, 'ủ'], [0xf2, 'ũ'], [0xf3, 'ú'], [0xf4, 'ụ'],
  [0xf5, 'ừ'], [0xf6, 'ử'], [0xf7, 'ữ'], [0xf8, 'ứ'], [0xf9, 'ự'],
  [0xfa, 'ỳ'], [0xfb, 'ỷ'], [0xfc, 'ỹ'], [0xfd, 'ý'], [0xfe, 'ỵ'],
];
const tcvn3Map = new Map(tcvn3Pairs.map(([byte, ch]) => [String.fromCharCode(byte), ch]));

/** TCVN3 text (as Latin-1 characters) → Unicode; `upperCaseFont` for ".VnTimeH"-style fonts. */
export function tcvn3ToUnicode(text: string, upperCaseFont = false): string {
  let out = '';
  for (const ch of text) out += tcvn3Map.get(ch) ?? ch;
  return upperCaseFont ? out.toLocaleUpperCase('vi') : out;
}

// VNI: a base letter followed by a mark character; a few letters stand alone.
const grave = '\u0300', acute = '\u0301', tilde = '\u0303', hook = '\u0309', dot = '\u0323', circ = '\u0302', breve = '\u0306';
const vniMarks: Record<string, string> = {
  ø: grave, ù: acute, û: hook, õ: tilde, ï: dot,
  â: circ, à: circ + grave, á: circ + acute, å: circ + hook, ã: circ + tilde, ä: circ + dot,
  ê: breve, è: breve + grave, é: breve + acute, ú: breve + hook, ü: breve + tilde, ë: breve + dot,
};
for (const [k, v] of Object.entries({ ...vniMarks })) vniMarks[k.toUpperCase()] = v;
const vniAlone: Record<string, string> = {
  ô: 'ơ', Ô: 'Ơ', ö: 'ư', Ö: 'Ư', ñ: 'đ', Ñ: 'Đ', æ: 'ỉ', Æ: 'Ỉ', ó: 'ĩ', Ó: 'Ĩ', ò: 'ị', Ò: 'Ị', î: 'ỵ', Î: 'Ỵ',
};
const toneOnly = new Set([grave, acute, hook, tilde, dot]);

/** VNI text (as Latin-1 characters) → Unicode (NFC). */
export function vniToUnicode(text: string): string {
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const base = vniAlone[ch] === 'ơ' || vniAlone[ch] === 'Ơ' || vniAlone[ch] === 'ư' || vniAlone[ch] === 'Ư' ? vniAlone[ch]! : /[aeouyAEOUY]/.test(ch) ? ch : undefined;
    const mark = chars[i + 1] !== undefined ? vniMarks[chars[i + 1]!] : undefined;
    if (base && mark) {
      const lower = base.toLowerCase();
      const shapeOk = mark.length === 1 ? toneOnly.has(mark) || (mark === circ && 'aeo'.includes(lower)) || (mark === breve && lower === 'a') : mark[0] === circ ? 'aeo'.includes(lower) : lower === 'a';
      if (shapeOk) {
        out += (base + mark).normalize('NFC');
        i++;
        continue;
      }
    }
    out += vniAlone[ch] ?? ch;
  }
  return out;
}

/** The legacy encoding a font name implies (".VnTime" → TCVN3, "VNI-Times" → VNI), if any. */
export function legacyEncodingOfFont(font: string | undefined): { encoding: LegacyEncoding; upperCase: boolean } | null {
  if (!font) return null;
  const name = font.trim();
  if (/^\.vn/i.test(name)) return { encoding: 'tcvn3', upperCase: /h$/i.test(name) };
  if (/^vni[- ]/i.test(name)) return { encoding: 'vni', upperCase: false };
  return null;
}

export const convertLegacy = (text: string, encoding: LegacyEncoding, upperCase = false) =>
  encoding === 'tcvn3' ? tcvn3ToUnicode(text, upperCase) : vniToUnicode(text);

// Latin-1 letters that Unicode Vietnamese uses; any other Latin-1 letter in "Vietnamese" text is suspect.
const vietnameseLatin1 = new Set([...'àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ']);
const suspicious = (text: string) => {
  let n = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0xa1 && code <= 0xff && !vietnameseLatin1.has(ch)) n++;
  }
  return n;
};
const vietnameseOnly = /[ăđơưĂĐƠƯ\u1ea0-\u1ef9]/g;

/**
 * Guess whether text without font information (a Markdown or text file) is TCVN3 or VNI read as
 * Latin-1: it holds Latin-1 letters Vietnamese never uses. VNI writes marks AFTER a vowel
 * ("Vieät"), TCVN3 replaces the vowel itself ("ViÖt"), so which one is told by what precedes those
 * letters; the guess stands only if converting removes most of them. Null for ordinary text.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  const chars = [...text];
  let total = 0;
  let afterVowel = 0;
  chars.forEach((ch, i) => {
    const code = ch.charCodeAt(0);
    if (code < 0xa1 || code > 0xff || vietnameseLatin1.has(ch)) return;
    total++;
    if (i > 0 && /[aeouyôöAEOUYÔÖ]/.test(chars[i - 1]!)) afterVowel++;
  });
  if (total < 3) return null;
  const encoding: LegacyEncoding = afterVowel / total > 0.6 ? 'vni' : 'tcvn3';
  const converted = convertLegacy(text, encoding);
  const gained = (converted.match(vietnameseOnly)?.length ?? 0) - (text.match(vietnameseOnly)?.length ?? 0);
  return gained >= 3 && suspicious(converted) < total / 2 ? encoding : null;
}
