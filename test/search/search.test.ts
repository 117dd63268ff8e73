/**
 * Issue 11, "what it must show" 3: 20 Vietnamese drafts; queries with and without diacritics, a
 * typo and a number-and-symbol find the right draft first; a user without access sees neither the
 * result nor its title, snippet or count; an edit typed over a real websocket is found within 5 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { call } from '../api/http';
import { paragraphs, setContent } from '../records/content';
import { addParagraph, connectClient } from '../collab/clients';

let server: TestServer;
let alice: TestUser; // Phòng Tài chính, owns the drafts
let bob: TestUser; // another department, sees only what is granted
const ids: Record<string, string> = {};

const corpus: [key: string, title: string, body: string][] = [
  ['decision', 'Quyết định phê duyệt kế hoạch đầu tư công năm 2026', 'Căn cứ Luật Đầu tư công, Ủy ban nhân dân tỉnh quyết định phê duyệt kế hoạch đầu tư công trung hạn. Số: 07/QĐ-UBND.'],
  ['report', 'Báo cáo tình hình kinh tế xã hội quý I', 'Tổng sản phẩm trên địa bàn tăng trưởng khá, thu ngân sách đạt kế hoạch đề ra.'],
  ['plan', 'Kế hoạch chuyển đổi số cấp xã', 'Triển khai hồ sơ công việc điện tử tại ủy ban nhân dân các xã, phường.'],
  ['notice', 'Thông báo lịch tiếp công dân tháng 12', 'Chủ tịch Ủy ban nhân dân huyện tiếp công dân định kỳ vào ngày 15 hằng tháng.'],
  ['submission', 'Tờ trình về việc sáp nhập đơn vị hành chính', 'Đề nghị sắp xếp, sáp nhập các xã có diện tích và dân số chưa đạt tiêu chuẩn.'],
  ['budget', 'Dự toán ngân sách nhà nước năm 2027', 'Phân bổ dự toán chi thường xuyên cho các sở, ban, ngành.'],
  ['health', 'Kế hoạch phòng chống dịch bệnh mùa mưa', 'Tăng cường vệ sinh môi trường, phun thuốc diệt muỗi tại khu dân cư.'],
  ['education', 'Báo cáo tổng kết năm học 2025-2026', 'Tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 98,5%.'],
  ['land', 'Quyết định thu hồi đất thực hiện dự án đường giao thông', 'Thu hồi đất của hộ gia đình, cá nhân để xây dựng tuyến đường liên xã.'],
  ['flood', 'Phương án phòng chống thiên tai năm 2026', 'Chuẩn bị vật tư, phương tiện ứng phó bão lũ và sạt lở đất.'],
  ['culture', 'Kế hoạch tổ chức lễ hội văn hóa truyền thống', 'Bảo tồn và phát huy giá trị di sản văn hóa phi vật thể.'],
  ['agri', 'Đề án phát triển nông nghiệp công nghệ cao', 'Hỗ trợ nông dân chuyển đổi cơ cấu cây trồng, ứng dụng tưới tiết kiệm.'],
  ['tax', 'Công văn hướng dẫn quyết toán thuế thu nhập cá nhân', 'Người nộp thuế thực hiện quyết toán trực tuyến qua cổng dịch vụ công.'],
  ['staff', 'Quyết định điều động cán bộ, công chức', 'Điều động công chức phòng Nội vụ sang công tác tại văn phòng.'],
  ['audit', 'Kết luận thanh tra việc quản lý tài chính', 'Kiến nghị thu hồi các khoản chi sai quy định.'],
  ['traffic', 'Kế hoạch bảo đảm trật tự an toàn giao thông dịp Tết', 'Tăng cường tuần tra, kiểm soát nồng độ cồn.'],
  ['water', 'Báo cáo chất lượng nước sinh hoạt nông thôn', 'Kết quả xét nghiệm mẫu nước tại các trạm cấp nước tập trung.'],
  ['forest', 'Phương án bảo vệ và phát triển rừng', 'Giao khoán bảo vệ rừng cho cộng đồng dân cư thôn bản.'],
  ['secret', 'Tờ trình mật về nhân sự lãnh đạo', 'Đề xuất phương án kiện toàn nhân sự chủ chốt nhiệm kỳ mới.'],
  ['reform', 'Kế hoạch cải cách hành chính năm 2026', 'Đơn giản hóa thủ tục hành chính, nâng cao chỉ số hài lòng.'],
];

const searchAs = async (user: TestUser, q: string, extra = '') =>
  (await call(server, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`, { cookie: user.cookie })).body as {
    results: { type: string; id: string; title: string; snippet: string; highlights: [number, number][]; score: number }[];
    total: number;
  };

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  server = await startTestServer({ SEARCH_INDEX_POLL_MS: '200' });
  const db = server.database.db;
  const finance = await makeDepartment(db, 'Phòng Tài chính');
  const other = await makeDepartment(db, 'Phòng Nội vụ');
  alice = await makeUser(db, { departmentIds: [finance.id], name: 'Nguyễn Thị Lan' });
  bob = await makeUser(db, { departmentIds: [other.id], name: 'Trần Văn Bình' });
  for (const [key, title, body] of corpus) {
    const doc = await makeDocument(db, alice, title);
    ids[key] = doc.id;
    await setContent(server.collab, doc.id, paragraphs(body));
  }
  // Bob may see two drafts: one through his department, one personally.
  await grant(db, ids.report!, { departmentId: other.id }, 'view');
  await grant(db, ids.decision!, { userId: bob.id }, 'comment');
  await until('the corpus to be indexed', async () => (await searchAs(alice, 'rừng')).total > 0 && (await searchAs(alice, 'nhân sự lãnh đạo')).total > 0);
}, 180_000);
afterAll(() => server?.stop());

describe('search', { timeout: 120_000 }, () => {
  it('finds text with diacritics from a query typed without them, the right draft first, with a highlighted snippet', async () => {
    const found = await searchAs(alice, 'quyet dinh phe duyet');
    expect(found.results[0]).toMatchObject({ type: 'draft', id: ids.decision, title: corpus[0]![1] });
    const first = found.results[0]!;
    expect(first.highlights.length).toBeGreaterThan(0);
    const marked = first.highlights.map(([s, e]) => first.snippet.slice(s, e).toLowerCase());
    expect(marked.join(' ')).toMatch(/quyết định phê duyệt|quyết|phê/);
    // Body text (current content), not only titles.
    expect((await searchAs(alice, 'phun thuoc diet muoi')).results[0]?.id).toBe(ids.health);
  });

  it('with diacritics prefers the exact spelling', async () => {
    // "thu" matches many folded words (thu, thủ, thư, thuế…); "thuế" with its mark ranks the tax letter first.
    expect((await searchAs(alice, 'thuế')).results[0]?.id).toBe(ids.tax);
    expect((await searchAs(alice, 'Quyết định thu hồi đất')).results[0]?.id).toBe(ids.land);
  });

  it('tolerates a typo and a partial word; finds a number and symbol', async () => {
    expect((await searchAs(alice, 'chuyen doi sso')).results.map((r) => r.id)).toContain(ids.plan);
    expect((await searchAs(alice, 'thien ta')).results[0]?.id).toBe(ids.flood);
    expect((await searchAs(alice, '07/QĐ-UBND')).results[0]?.id).toBe(ids.decision);
    expect((await searchAs(alice, '07/qd-ubnd')).results[0]?.id).toBe(ids.decision);
  });

  it('never shows a title, snippet or count of a draft the caller cannot open', async () => {
    const secretForAlice = await searchAs(alice, 'nhan su lanh dao');
    expect(secretForAlice.results.map((r) => r.id)).toContain(ids.secret);
    const forBob = await searchAs(bob, 'nhan su lanh dao');
    expect(forBob).toEqual({ results: [], total: 0 });
    const kehoach = await searchAs(bob, 'ke hoach');
    expect(kehoach.results.map((r) => r.id).sort()).toEqual([ids.decision, ids.report].sort());
    expect(kehoach.total).toBe(2);
    expect(JSON.stringify(kehoach)).not.toMatch(/chuyển đổi số|phòng chống|cải cách/);
    // Filters: type and paging keep the total honest.
    expect((await searchAs(alice, 'ke hoach', '&type=dossier')).total).toBe(0);
    const page = await searchAs(alice, 'ke hoach', '&limit=2');
    expect(page.results).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
  });

  it('rejects an empty query and anonymous callers', async () => {
    expect((await call(server, 'GET', '/api/search?q=')).status).toBe(401);
    expect((await call(server, 'GET', '/api/search?q=', { cookie: alice.cookie })).status).toBe(400);
    expect((await call(server, 'GET', '/api/search?q=x&type=nope', { cookie: alice.cookie })).status).toBe(400);
  });

  it('finds an edit typed over a live websocket within 5 seconds', async () => {
    const client = connectClient(server.url, ids.reform!, { cookie: alice.cookie, origin: server.url });
    try {
      await client.synced();
      const typedAt = Date.now();
      addParagraph(client.doc, 'Thí điểm một cửa liên thông hiện đại tại xã Hòa Bình');
      await until('the edit to be searchable', async () => (await searchAs(alice, 'mot cua lien thong hien dai')).results.some((r) => r.id === ids.reform), 10_000);
      expect(Date.now() - typedAt).toBeLessThan(5_000);
    } finally {
      client.destroy();
    }
  });
});
