import { describe, expect, it } from 'vitest';
import { recordFileName } from './record-file-name';

describe('recordFileName', () => {
  it('names the download after the title, the version and its label', () => {
    expect(recordFileName('Quyết định về kế hoạch 2027', 3, 'Dự thảo lấy ý kiến')).toBe('Quyết định về kế hoạch 2027 - v3 - Dự thảo lấy ý kiến.json');
  });
  it('replaces characters file systems refuse and never yields an empty name', () => {
    expect(recordFileName('Báo cáo 1/2027: "quý I"?', 1)).toBe('Báo cáo 1 2027 quý I - v1.json');
    expect(recordFileName('///', 2)).toBe('record - v2.json');
  });
});
