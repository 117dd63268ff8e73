/** TCVN3 (ABC) and VNI → Unicode: the conversion tables and the detection used for files without font names. */
import { describe, expect, it } from 'vitest';
import { detectLegacyEncoding, legacyEncodingOfFont, tcvn3ToUnicode, vniToUnicode } from '../../shared/exchange/legacy-encoding';

describe('legacy Vietnamese encodings', () => {
  it('converts TCVN3 text, upper-case fonts included', () => {
    expect(tcvn3ToUnicode('Céng hoµ x· héi chñ nghÜa ViÖt Nam')).toBe('Cộng hoà xã hội chủ nghĩa Việt Nam');
    expect(tcvn3ToUnicode('§éc lËp - Tù do - H¹nh phóc')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(tcvn3ToUnicode('ñy ban nh©n d©n', true)).toBe('ỦY BAN NHÂN DÂN');
    // Every vowel with every tone.
    expect(tcvn3ToUnicode('µ¸¶·¹ ¨»¾¼½Æ ©ÇÊÈÉË ÌÐÎÏÑ ªÒÕÓÔÖ ×ÝØÜÞ ßãáâä «åèæçé ¬êíëìî ïóñòô ­õøö÷ù úýûüþ ®')).toBe(
      'àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ đ',
    );
  });

  it('converts VNI text (marks typed after the vowel)', () => {
    expect(vniToUnicode('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam')).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam');
    expect(vniToUnicode('Ñoäc laäp - Töï do - Haïnh phuùc')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(vniToUnicode('Uûy ban nhaân daân tænh')).toBe('Ủy ban nhân dân tỉnh');
    expect(vniToUnicode('ÔÛ ñaây, nöôùc, thöôøng, aên, ôû')).toBe('Ở đây, nước, thường, ăn, ở');
  });

  it('names the encoding of old fonts', () => {
    expect(legacyEncodingOfFont('.VnTime')).toEqual({ encoding: 'tcvn3', upperCase: false });
    expect(legacyEncodingOfFont('.VnTimeH')).toEqual({ encoding: 'tcvn3', upperCase: true });
    expect(legacyEncodingOfFont('VNI-Times')).toEqual({ encoding: 'vni', upperCase: false });
    expect(legacyEncodingOfFont('Times New Roman')).toBeNull();
  });

  it('detects legacy text without font names, and leaves Unicode and other languages alone', () => {
    expect(detectLegacyEncoding('Céng hoµ x· héi chñ nghÜa ViÖt Nam')).toBe('tcvn3');
    expect(detectLegacyEncoding('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam')).toBe('vni');
    expect(detectLegacyEncoding('Cộng hoà xã hội chủ nghĩa Việt Nam')).toBeNull();
    expect(detectLegacyEncoding('Crème brûlée à la française, déjà vu')).toBeNull();
    expect(detectLegacyEncoding('plain ASCII text')).toBeNull();
  });
});
