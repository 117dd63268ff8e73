/**
 * Issue 13, "what it must show" 3, on a document really issued through issue 10 (initialled,
 * signed with certified device keys, numbered and sealed by a clerk): GET /api/records/:seq/export.pdf
 * of its "document.issued" entry has, in order, the agency, "Số: NN/QĐ-UBND", place and date, type
 * and summary, content, the signer's title, signing time (+07:00) and name, and recipients; its
 * fonts are embedded; the clerk may print it; an outsider gets 404; the export is audited.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAgencySettings } from '../../server/agency/settings';
import { certifiedKey, frozenVersion, scenario, signStep, submit, type Scenario } from '../signatures/setup';
import { fontFacts, pdfText, positionsInOrder } from './pdf-text';

let s: Scenario;
beforeAll(async () => {
  s = await scenario();
  await saveAgencySettings(
    s.t.testDb.handle.db,
    { name: 'ỦY BAN NHÂN DÂN XÃ AN BÌNH', abbreviation: 'UBND', code: '', superiorBody: 'ỦY BAN NHÂN DÂN HUYỆN PHÚ GIÁO', placeName: 'An Bình', signerTitles: [{ authorityPrefix: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' }] },
    s.admin.id,
  );
});
afterAll(() => s?.t.close());

describe('the PDF of an issued document', () => {
  it('has every part of the administrative layout in order, with embedded fonts, for readers and the clerk', async () => {
    const { versionId } = await frozenVersion(s, 'Điều 1. Thành lập Tổ công tác chuyển đổi số của xã.');
    const headKey = await certifiedKey(s, s.head);
    const leaderKey = await certifiedKey(s, s.leader);
    const sub = await submit(s, versionId);
    expect((await signStep(s, s.head, sub.id, 0, headKey)).res.status).toBe(200);
    expect((await signStep(s, s.leader, sub.id, 1, leaderKey)).res.status).toBe(200);
    const issued = await s.t.json(`/api/submissions/${sub.id}/issue`, { cookie: s.clerk.cookie, body: {} });

    const res = await s.t.request(`/api/records/${issued.seq}/export.pdf`, { cookie: s.drafter.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    const text = await pdfText(pdf);
    const [year, month, day] = (issued.issueDate as string).split('-').map(Number) as [number, number, number];
    const dateLine = `An Bình, ngày ${String(day).padStart(day < 10 ? 2 : 1, '0')} tháng ${String(month).padStart(month < 3 ? 2 : 1, '0')} năm ${year}`;
    const order = positionsInOrder(text, [
      'ỦY BAN NHÂN DÂN XÃ AN BÌNH',
      `Số: ${issued.notation}`,
      dateLine,
      'QUYẾT ĐỊNH',
      'Điều 1. Thành lập Tổ công tác chuyển đổi số của xã.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      '+07:00',
      'Chairman Chinh',
      'Nơi nhận:',
      'Lưu: VT.',
      `Bản ghi sổ cái số ${issued.seq}`,
    ]);
    expect(order, text).not.toContain(-1);
    expect(issued.notation).toMatch(/^\d{2,}\/QĐ-UBND$/);
    const fonts = fontFacts(pdf);
    expect(fonts.descriptors).toBeGreaterThan(0);
    expect(fonts.embedded).toBe(fonts.descriptors);
    expect(fonts.standard14).toBe(false);

    // The clerk who registered it may print it; an outsider learns nothing.
    expect((await s.t.request(`/api/records/${issued.seq}/export.pdf`, { cookie: s.clerk.cookie })).status).toBe(200);
    expect((await s.t.request(`/api/records/${issued.seq}/export.pdf`, { cookie: s.outsider.cookie })).status).toBe(404);
    const rows = await s.t.testDb.handle.db.execute(sql`select outcome from audit_events where action = 'record.export' and object_id = ${String(issued.seq)} order by seq`);
    const events = ((rows as unknown as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[])) as { outcome: string }[];
    expect(events.map((e) => e.outcome)).toEqual(['success', 'success', 'denied']);
  });
});
