/**
 * Issue 13, "what it must show" 1–3 over real HTTP on a real database: a Word file imports into a
 * draft with its structure (checked on the editor's JSON), exports back to .docx and .md with the
 * same structure; hostile files are refused with a clear 4xx and the server stays up; the PDF of an
 * issued document has its parts in order with embedded fonts; a record's PDF carries its
 * verification data and is audited.
 */
import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from '../api/http';
import { docxPackage, roundTripBody } from './fixtures';
import { zip } from './zip';
import { fontFacts, pdfText, positionsInOrder } from './pdf-text';
import { proseMirrorFromYDoc } from '../../shared/records/derive';
import type { PMNode } from '../../shared/exchange/prosemirror-json';
import { readUpload } from '../../server/exchange/import-document';
import { renderPdf } from '../../server/exchange/pdf/render';
import { frozenLayout } from '../../server/exchange/export-sources';
import { getAgencySettings } from '../../server/agency/settings';

const wordTypes = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
/** Built before the server starts (deflating takes seconds on a busy machine). */
const hostile = {
  bomb: zip([{ name: '[Content_Types].xml', data: wordTypes }, { name: 'word/document.xml', data: Buffer.alloc(80 * 1024 * 1024, 0x20) }]),
  liar: zip([{ name: '[Content_Types].xml', data: wordTypes }, { name: 'word/document.xml', data: Buffer.alloc(10 * 1024 * 1024, 0x20), declaredSize: 1024 }]),
};

let server: TestServer;
let owner: TestUser;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer({ MAX_IMPORT_BYTES: String(20 * 1024 * 1024) });
  const db = server.database.db;
  owner = await makeUser(db, { name: 'Trần Thị Soạn' });
  admin = await makeUser(db, { isAdmin: true });
  const agency = await call(server, 'PUT', '/api/agency', {
    cookie: admin.cookie,
    body: { name: 'Ủy ban nhân dân xã An Bình', abbreviation: 'UBND', superiorBody: 'Ủy ban nhân dân huyện Phú Giáo', placeName: 'An Bình', signerTitles: [{ authorityPrefix: 'TM. Ủy ban nhân dân', title: 'Chủ tịch' }] },
  });
  expect(agency.status).toBe(200);
});
afterAll(() => server?.stop());

/**
 * A pooled keep-alive connection the server closed while idle (5 s) fails the next request with
 * ECONNRESET before it reaches the server; send it again once on a fresh connection.
 */
async function retryReset(send: () => Promise<Response>): Promise<Response> {
  try {
    return await send();
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw err;
    return send();
  }
}

async function upload(fileName: string, bytes: Buffer, cookie = owner.cookie, title?: string) {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), fileName);
  if (title) form.set('title', title);
  const res = await retryReset(() => fetch(`${server.url}/api/documents/import`, { method: 'POST', headers: { cookie }, body: form }));
  return { status: res.status, body: (await res.json()) as any };
}

async function download(path: string, cookie = owner.cookie) {
  const res = await retryReset(() => fetch(`${server.url}${path}`, { headers: { cookie } }));
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The editor's JSON of a draft, as every client would load it. */
async function draftJson(documentId: string): Promise<PMNode> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await server.collab.readState(documentId));
  return proseMirrorFromYDoc(doc).toJSON() as PMNode;
}

/** Structure: node types, text and marks; optionally without attributes Markdown cannot carry. */
function skeleton(node: PMNode, forMarkdown = false): unknown {
  if (node.type === 'text') {
    const marks = (node.marks ?? []).map((m) => m.type).filter((m) => !forMarkdown || m !== 'underline').sort();
    return marks.length ? `${node.text}|${marks.join(',')}` : node.text;
  }
  const attrs = forMarkdown ? {} : Object.fromEntries(Object.entries(node.attrs ?? {}).filter(([k, v]) => v !== null && k !== 'colwidth'));
  let content = (node.content ?? []).map((c) => skeleton(c, forMarkdown));
  // Markdown moves spaces out of emphasis: merge neighbouring texts with the same (dropped) marks.
  if (forMarkdown) content = content.reduce<unknown[]>((acc, c) => (typeof c === 'string' && !c.includes('|') && typeof acc[acc.length - 1] === 'string' && !(acc[acc.length - 1] as string).includes('|') ? [...acc.slice(0, -1), `${acc[acc.length - 1]}${c}`] : [...acc, c]), []);
  return { type: node.type, ...(Object.keys(attrs).length ? { attrs } : {}), ...(content.length ? { content } : {}) };
}

const types = (node: PMNode): string[] => [node.type, ...(node.content ?? []).flatMap(types)];

describe('import and export', () => {
  it('imports a Word file with its structure, and exports it back to .docx and .md with the same structure', async () => {
    const res = await upload('ke-hoach.docx', docxPackage(roundTripBody));
    expect(res.status).toBe(201);
    expect(res.body.document).toMatchObject({ title: 'Kế hoạch chuyển đổi số năm 2026', access: 'edit' });
    expect(res.body.dropped).toEqual([{ what: 'image', count: 1 }]);
    expect(res.body.legacyEncodings.sort()).toEqual(['tcvn3', 'vni']);

    const json = await draftJson(res.body.document.id);
    const [h1, para, h2, bullets, ordered, table] = json.content!;
    expect(h1).toMatchObject({ type: 'heading', attrs: { level: 1, textAlign: 'center' }, content: [{ text: 'Kế hoạch chuyển đổi số năm 2026' }] });
    expect(para!.attrs!.textAlign).toBe('justify');
    expect(skeleton(para!)).toMatchObject({ content: ['Căn cứ ', 'Luật Tổ chức|bold', ' chính quyền ', 'địa phương|italic', ' ngày 19/6/2015|underline', '[1]|bold', { type: 'hardBreak' }, 'dòng hai'] });
    expect(h2).toMatchObject({ type: 'heading', attrs: { level: 2 } });
    // Nested list: the first item holds a nested bullet list of two items.
    expect(skeleton(bullets!)).toEqual({
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: ['Số hoá hồ sơ'] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: ['Hồ sơ công việc'] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: ['Hồ sơ lưu trữ'] }] }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: ['Ký số'] }] },
      ],
    });
    expect(ordered).toMatchObject({ type: 'orderedList', attrs: { start: 1 } });
    expect(table!.type).toBe('table');
    expect(table!.content![0]!.content!.map((c) => [c.type, c.attrs!.colspan])).toEqual([['tableHeader', 1], ['tableHeader', 2]]);
    expect(table!.content![1]!.content![0]).toMatchObject({ attrs: { rowspan: 2 }, content: [{ content: [{ text: 'Văn phòng' }] }] });
    const text = JSON.stringify(json);
    expect(text).toContain('Cộng hoà xã hội chủ nghĩa Việt Nam'); // TCVN3 (.VnTime) converted
    expect(text).toContain('Cộng hòa xã hội'); // VNI converted
    expect(text).toContain('[hình ảnh]'); // the image's visible placeholder
    expect(text).toContain('Luật số 77/2015/QH13.'); // the footnote, as text
    expect(json.content!.find((n) => JSON.stringify(n).includes('văn bản luật'))!.content![1]!.marks).toMatchObject([{ type: 'link', attrs: { href: 'https://example.org/luat' } }]);

    const docx = await download(`/api/documents/${res.body.document.id}/export.docx`);
    expect(docx.status).toBe(200);
    expect(docx.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.disposition).toContain('.docx');
    const again = await readUpload({ name: 'again.docx', bytes: docx.bytes });
    expect(skeleton(again.doc)).toEqual(skeleton(json));

    const md = await download(`/api/documents/${res.body.document.id}/export.md`);
    expect(md.type).toMatch(/^text\/markdown/);
    expect(md.bytes.toString('utf8')).toContain('- Số hoá hồ sơ\n  - Hồ sơ công việc');
    const fromMd = await readUpload({ name: 'again.md', bytes: md.bytes });
    // Markdown has no alignment, merged cells or underline: compare everything else, and the table's text.
    const withoutTables = (doc: PMNode) => skeleton({ ...doc, content: doc.content!.filter((n) => n.type !== 'table') }, true);
    expect(withoutTables(fromMd.doc)).toEqual(withoutTables(json));
    expect(types(fromMd.doc)).toContain('table');
    expect(JSON.stringify(fromMd.doc.content!.find((n) => n.type === 'table'))).toContain('Cấp huyện');

    const pdf = await download(`/api/documents/${res.body.document.id}/export.pdf`);
    expect(pdf.type).toBe('application/pdf');
    const pdfContent = await pdfText(pdf.bytes);
    expect(positionsInOrder(pdfContent, ['Kế hoạch chuyển đổi số năm 2026', 'Luật Tổ chức', 'Hồ sơ công việc', 'Văn phòng', 'Cộng hoà xã hội chủ nghĩa Việt Nam'])).not.toContain(-1);
  });

  it('imports Markdown, taking the title from the form', async () => {
    const res = await upload('note.md', Buffer.from('# Báo cáo\n\n**Đậm** và *nghiêng*\n\n1. một\n   - con\n', 'utf8'), owner.cookie, 'Báo cáo tuần');
    expect(res.status).toBe(201);
    expect(res.body.document.title).toBe('Báo cáo tuần');
    const json = await draftJson(res.body.document.id);
    expect(types(json)).toEqual(['doc', 'heading', 'text', 'paragraph', 'text', 'text', 'text', 'orderedList', 'listItem', 'paragraph', 'text', 'bulletList', 'listItem', 'paragraph', 'text']);
  });

  it('refuses hostile files with a clear 4xx and stays up', async () => {
    // A zip bomb: 80 MB of spaces declared honestly (compresses to ~80 KB).
    const refusedBomb = await upload('bomb.docx', hostile.bomb);
    expect([refusedBomb.status, refusedBomb.body.error.code]).toEqual([422, 'zip_bomb']);

    // A zip that lies: declares 1 KB, inflates to 10 MB.
    const refusedLiar = await upload('liar.docx', hostile.liar);
    expect(refusedLiar.status).toBeGreaterThanOrEqual(400);
    expect(refusedLiar.status).toBeLessThan(500);

    // Wrong type: a PNG named .docx, a zip that is not Word, a PDF named .md, an .exe.
    const png = await upload('photo.docx', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    expect([png.status, png.body.error.code]).toEqual([415, 'unsupported_file']);
    expect(png.body.error.message).toMatch(/not a Word/);
    const notWord = await upload('archive.docx', zip([{ name: 'readme.txt', data: 'hello' }]));
    expect(notWord.status).toBe(415);
    const binaryMd = await upload('notes.md', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    expect(binaryMd.status).toBe(415);
    expect((await upload('setup.exe', Buffer.from('MZ'))).status).toBe(415);
    const malformed = await upload('broken.docx', docxPackage('<w:p><w:r><w:t>unclosed</w:r></w:p>'));
    expect(malformed.status).toBe(415);
    expect(malformed.body.error.message).toMatch(/not well-formed XML/);

    // 50 MB: refused before it is read.
    const huge = await upload('huge.docx', Buffer.alloc(50 * 1024 * 1024, 1));
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);

    // Not multipart, no file field.
    expect((await call(server, 'POST', '/api/documents/import', { cookie: owner.cookie, body: { file: 'x' } })).status).toBe(415);
    const noFile = new FormData();
    noFile.set('title', 'x');
    expect((await fetch(`${server.url}/api/documents/import`, { method: 'POST', headers: { cookie: owner.cookie }, body: noFile })).status).toBe(400);

    // Still up and still importing.
    expect((await call(server, 'GET', '/health')).status).toBe(200);
    expect((await upload('ok.docx', docxPackage(roundTripBody))).status).toBe(201);
  });

  it('renders an issued document in the administrative layout: parts in order, fonts embedded', async () => {
    // Issue 10 issues documents; here a frozen version's content goes through the same renderer input.
    const created = await upload('qd.docx', docxPackage(roundTripBody), owner.cookie, 'Quyết định về việc thành lập Tổ công tác chuyển đổi số');
    const frozen = await call(server, 'POST', `/api/documents/${created.body.document.id}/versions`, { cookie: owner.cookie, body: { label: 'Trình ký' } });
    expect(frozen.status).toBe(201);
    const version = await call(server, 'GET', `/api/versions/${frozen.body.version.id}`, { cookie: owner.cookie });
    const layout = frozenLayout(await getAgencySettings(server.database.db), frozen.body.version.title, frozen.body.version.frozenAt, version.body.content.json as PMNode);
    const issued = {
      ...layout,
      number: '07',
      symbol: 'QĐ-UBND',
      date: '2026-03-05T02:00:00Z',
      signer: { ...layout.signer, name: 'Nguyễn Văn Bình' },
      recipients: ['Như Điều 3', 'UBND huyện Phú Giáo (b/c)', 'Lưu: VT'],
      issued: { issuedAt: '2026-03-05T03:15:42Z', signatures: [{ name: 'Nguyễn Văn Bình', signedAt: '2026-03-05T03:10:00Z' }], sealKid: 'kid' },
    };
    const pdf = await renderPdf({ title: layout.summary, content: issued.content, administrative: issued, fileBase: 'qd' });
    const text = await pdfText(pdf);
    const order = positionsInOrder(text, [
      'ỦY BAN NHÂN DÂN XÃ AN BÌNH',
      'Số: 07/QĐ-UBND',
      'An Bình, ngày 05 tháng 3 năm 2026',
      'QUYẾT ĐỊNH',
      'Về việc thành lập Tổ công tác chuyển đổi số',
      'Kế hoạch chuyển đổi số năm 2026',
      'Cộng hoà xã hội chủ nghĩa Việt Nam',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      '2026-03-05T10:10:00+07:00',
      'Nguyễn Văn Bình',
      'Nơi nhận:',
      '- Như Điều 3;',
      '- Lưu: VT.',
    ]);
    expect(order, text).not.toContain(-1);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    const fonts = fontFacts(pdf);
    expect(fonts.descriptors).toBeGreaterThan(0);
    expect(fonts.embedded).toBe(fonts.descriptors);
    expect(fonts.standard14).toBe(false);

    // Over HTTP, the frozen version renders with what is known: no number yet.
    const versionPdf = await download(`/api/versions/${frozen.body.version.id}/export.pdf`);
    expect(versionPdf.status).toBe(200);
    const versionText = await pdfText(versionPdf.bytes);
    expect(positionsInOrder(versionText, ['ỦY BAN NHÂN DÂN HUYỆN PHÚ GIÁO', 'ỦY BAN NHÂN DÂN XÃ AN BÌNH', 'Số: …/…', 'QUYẾT ĐỊNH', 'Về việc thành lập', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nơi nhận:'])).not.toContain(-1);
    const versionDocx = await download(`/api/versions/${frozen.body.version.id}/export.docx`);
    expect(versionDocx.status).toBe(200);
    expect(JSON.stringify((await readUpload({ name: 'v.docx', bytes: versionDocx.bytes })).doc)).toContain('Số: …/…');
  });

  it("prints a record with its verification data, and audits every record export", async () => {
    const created = await upload('record.docx', docxPackage(roundTripBody));
    const frozen = await call(server, 'POST', `/api/documents/${created.body.document.id}/versions`, { cookie: owner.cookie, body: { label: 'Bản ghi' } });
    const seq = frozen.body.version.seq as number;
    const pdf = await download(`/api/records/${seq}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.disposition).toContain(`record-${seq}.pdf`);
    const text = await pdfText(pdf.bytes);
    expect(text).toContain(`Bản ghi sổ cái số ${seq}`);
    expect(text).toContain(frozen.body.record.entry.contentSha256);
    expect(text).toContain(`/api/records/${seq}/verify`);

    const outsider = await makeUser(server.database.db);
    expect((await download(`/api/records/${seq}/export.pdf`, outsider.cookie)).status).toBe(404);
    const rows = await server.database.db.execute(sql`select action, outcome, actor_id from audit_events where action = 'record.export' and object_id = ${String(seq)} order by seq`);
    const events = ((rows as unknown as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[])) as { outcome: string; actor_id: string }[];
    expect(events.map((e) => [e.outcome, e.actor_id])).toEqual([['success', owner.id], ['denied', outsider.id]]);
  });
});
