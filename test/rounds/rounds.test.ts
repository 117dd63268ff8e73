/**
 * Issue 9, items 2–4 over real HTTP on a real server (Postgres or PGlite):
 *  2. temporary access: consulted departments comment during the round and lose exactly what the
 *     round gave when it closes (keeping what they had, and a grant changed meanwhile); who may
 *     respond and who may close;
 *  3. the disposition table: exactly the round's comments, with department, person and part of the
 *     draft; DOCX that opens as Word, PDF whose text holds every comment with its diacritics;
 *  4. opening and closing each produce a record entry whose bundle verifies offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../server/exchange/docx/read-docx';
import { grant, makeUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { pdfText } from '../exchange/pdf-text';
import { inSeconds, makeDraft, makeUnit, rounds } from './setup';
import { verifyBundle } from '../../shared/records';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const fetchBytes = async (path: string, cookie: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('temporary access and who may do what', () => {
  it('gives consulted departments comment access for the round only, restoring what they had', async () => {
    const api = rounds(server);
    const db = server.database.db;
    const { documentId, owner } = await makeDraft(server);
    const [viewing, none, changed, outsider] = [await makeUnit(server, 'Xem'), await makeUnit(server, 'Mới'), await makeUnit(server, 'Đổi'), await makeUnit(server, 'Ngoài')];
    await grant(db, documentId, { departmentId: viewing.id }, 'view');
    const person = await makeUser(db, { name: 'Chuyên gia độc lập' });
    const admin = await makeUser(db, { isAdmin: true });

    expect((await api.comment(none.member, documentId, 'phân bổ theo quý', 'Trước đợt')).status).toBe(404);
    const opened = await api.open(owner, documentId, {
      title: 'Lấy ý kiến',
      request: 'Góp ý',
      deadline: inSeconds(3600),
      departments: [
        { department: viewing.id, role: 'lead' },
        { department: none.id, role: 'cooperating' },
        { department: changed.id, role: 'cooperating' },
      ],
      users: [person.id],
    });
    expect(opened.status).toBe(201);
    const roundId = opened.body.round.id;
    // Only one open round per draft.
    expect((await api.open(owner, documentId, { title: 'Hai', request: 'x', deadline: inSeconds(3600), departments: [{ department: none.id, role: 'lead' }] })).status).toBe(409);

    for (const who of [viewing.member, none.member, changed.member, person]) expect((await api.comment(who, documentId, 'phân bổ theo quý', `Ý kiến của ${who.name}`)).status).toBe(201);
    expect((await api.notifications(none.member)).body.notifications.some((n: { kind: string; subjectId: string }) => n.kind === 'round_opened' && n.subjectId === roundId)).toBe(true);
    // Someone decides otherwise meanwhile: that grant is no longer the round's.
    await grant(db, documentId, { departmentId: changed.id }, 'edit');

    // Not consulted: 403. A member of a department that has a leader: 403. The leader: 201.
    expect((await api.respond(outsider.leader, roundId, { department: outsider.id, position: 'agree', summary: '' })).status).toBe(404);
    expect((await api.respond(viewing.leader, roundId, { department: outsider.id, position: 'agree', summary: '' })).status).toBe(403);
    expect((await api.respond(none.member, roundId, { department: none.id, position: 'agree', summary: '' })).status).toBe(403);
    const answered = await api.respond(none.leader, roundId, { department: none.id, position: 'agree', summary: 'Đồng ý' });
    expect(answered.status).toBe(201);
    const amended = await api.respond(none.leader, roundId, { department: none.id, position: 'disagree', summary: 'Đổi ý' });
    expect(amended.body.amended).toBe(true);
    expect(amended.body.round.departments.find((d: { department: { id: string } }) => d.department.id === none.id)).toMatchObject({ position: 'disagree', amendments: 1 });

    // Only the presiding officer or an admin closes.
    expect((await api.close(viewing.leader, roundId)).status).toBe(403);
    expect((await api.close(none.leader, roundId)).status).toBe(403);
    const closed = await api.close(admin, roundId, { outcome: 'Tiếp thu và hoàn thiện dự thảo' });
    expect(closed.status).toBe(200);
    expect(closed.body.round.state).toBe('closed');
    expect((await api.close(owner, roundId)).status).toBe(409);

    expect((await api.document(none.member, documentId)).status).toBe(404);
    expect((await api.document(person, documentId)).status).toBe(404);
    const kept = await api.document(viewing.member, documentId);
    expect(kept.status).toBe(200);
    expect(kept.body.document?.access ?? kept.body.access).toBe('view');
    expect((await api.comment(viewing.member, documentId, 'phân bổ theo quý', 'Sau đợt')).status).toBe(403);
    const edited = await api.document(changed.member, documentId);
    expect(edited.body.document?.access ?? edited.body.access).toBe('edit');
    expect((await api.respond(none.leader, roundId, { department: none.id, position: 'agree', summary: '' })).status).toBe(409);
  }, 120_000);
});

describe('disposition table and record entries', () => {
  it('lists exactly the round\'s comments with department, person and part; exports DOCX and PDF; both entries verify offline', async () => {
    const api = rounds(server);
    const { documentId, owner } = await makeDraft(server, 'Dự thảo Quyết định phân bổ ngân sách');
    const [tc, tp, silent] = [await makeUnit(server, 'Tài chính'), await makeUnit(server, 'Tư pháp'), await makeUnit(server, 'Xây dựng')];
    await grant(server.database.db, documentId, { departmentId: tc.id }, 'comment');
    // Before the round: not part of it.
    expect((await api.comment(tc.member, documentId, 'các sở, ban, ngành', 'Góp ý trước khi lấy ý kiến')).status).toBe(201);

    const opened = await api.open(owner, documentId, {
      title: 'Lấy ý kiến dự thảo lần 2',
      request: 'Đề nghị góp ý',
      deadline: inSeconds(3600),
      departments: [
        { department: tc.id, role: 'lead' },
        { department: tp.id, role: 'cooperating' },
        { department: silent.id, role: 'cooperating' },
      ],
    });
    expect(opened.status).toBe(201);
    const round = opened.body.round;
    const comments = [
      { who: tc.member, exact: 'phân bổ theo quý', body: 'Đề nghị phân bổ theo tháng để chủ động nguồn vốn.' },
      { who: tp.leader, exact: 'kể từ ngày ký', body: 'Hiệu lực nên sau 45 ngày kể từ ngày ký, đúng Luật Ban hành văn bản.' },
      { who: tp.member, exact: 'Phạm vi điều chỉnh', body: 'Bổ sung đối tượng áp dụng là ủy ban nhân dân cấp xã.' },
    ];
    const threadIds: string[] = [];
    for (const c of comments) {
      const res = await api.comment(c.who, documentId, c.exact, c.body);
      expect(res.status).toBe(201);
      threadIds.push(res.body.thread.id);
    }
    // The drafter's own remarks and replies are context, not received comments.
    expect((await api.comment(owner, documentId, 'Hiệu lực thi hành', 'Ghi chú của người soạn')).status).toBe(201);
    expect((await api.reply(owner, threadIds[0]!, 'Đã xem, sẽ cân nhắc.')).status).toBe(201);

    const table = (await api.disposition(owner, round.id, '?lang=vi')).body;
    expect(table.rows.map((r: { threadId: string }) => r.threadId).sort()).toEqual([...threadIds].sort());
    const row = (id: string) => table.rows.find((r: { threadId: string }) => r.threadId === id);
    expect(row(threadIds[0]!)).toMatchObject({ partLabel: 'Điều 1, khoản 2', department: { id: tc.id }, author: { name: tc.member.name }, comment: comments[0]!.body });
    expect(row(threadIds[0]!).replies).toEqual([expect.objectContaining({ body: 'Đã xem, sẽ cân nhắc.' })]);
    expect(row(threadIds[1]!)).toMatchObject({ partLabel: 'Điều 2', department: { id: tp.id }, author: { name: tp.leader.name } });
    expect(row(threadIds[2]!)).toMatchObject({ partLabel: 'Điều 1', department: { id: tp.id } });
    expect((await api.disposition(owner, round.id, '?lang=en')).body.rows.find((r: { threadId: string }) => r.threadId === threadIds[0]).partLabel).toBe('Article 1, clause 2');

    // Dispositions: explanation required unless accepted; editors only.
    expect((await api.dispose(owner, round.id, threadIds[1]!, { disposition: 'not_accepted' })).status).toBe(400);
    expect((await api.dispose(tc.member, round.id, threadIds[1]!, { disposition: 'accepted' })).status).toBe(403);
    expect((await api.dispose(owner, round.id, threadIds[0]!, { disposition: 'accepted' })).status).toBe(200);
    expect((await api.dispose(owner, round.id, threadIds[1]!, { disposition: 'partly_accepted', explanation: 'Quy định hiệu lực sau 15 ngày.' })).status).toBe(200);
    expect((await api.dispose(owner, round.id, threadIds[2]!, { disposition: 'not_accepted', explanation: 'Cấp xã không thuộc phạm vi.' })).status).toBe(200);
    await api.respond(tc.leader, round.id, { department: tc.id, position: 'agree_with_comments', summary: 'Một ý kiến' });
    const counted = (await api.disposition(owner, round.id)).body.counts;
    expect(counted).toEqual({ departmentsConsulted: 3, departmentsAnswered: 1, commentsReceived: 3, accepted: 1, partlyAccepted: 1, notAccepted: 1, undecided: 0 });

    const docx = await fetchBytes(`/api/rounds/${round.id}/disposition.docx?lang=vi`, owner.cookie);
    expect(docx.status).toBe(200);
    expect(docx.type).toContain('wordprocessingml');
    const word = JSON.stringify((await readDocx(docx.bytes)).doc);
    for (const c of comments) expect(word).toContain(c.body);
    expect(word).toContain('BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN');
    const pdf = await fetchBytes(`/api/rounds/${round.id}/disposition.pdf?lang=vi`, owner.cookie);
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.bytes);
    for (const c of comments) expect(text.replace(/\s+/g, ' ')).toContain(c.body);
    expect(text).toContain('Tiếp thu một phần: Quy định hiệu lực sau 15 ngày.');
    expect(text).toContain('Điều 1, khoản 2');

    const closed = await api.close(owner, round.id, { outcome: 'Hoàn thiện dự thảo' });
    expect(closed.status).toBe(200);
    expect((await api.dispose(owner, round.id, threadIds[0]!, { disposition: 'accepted' })).status).toBe(409);
    const { openedSeq, closedSeq, openedVersionSeq } = closed.body.round;
    expect(openedVersionSeq).toBeLessThan(openedSeq);
    expect(closedSeq).toBeGreaterThan(openedSeq);
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    for (const seq of [openedSeq, closedSeq]) {
      const bundle = (await fetchBytes(`/api/records/${seq}/bundle`, owner.cookie)).bytes.toString('utf8');
      const report = await verifyBundle(JSON.parse(bundle), jwks);
      expect(report.ok, JSON.stringify(report.checks)).toBe(true);
      expect(report.checks.some((c: { check: string; status: string }) => c.check === 'kind' && c.status === 'pass')).toBe(true);
    }
    const closedBundle = JSON.parse((await fetchBytes(`/api/records/${closedSeq}/bundle`, owner.cookie)).bytes.toString('utf8'));
    expect(closedBundle.body.rows).toHaveLength(3);
    expect(closedBundle.body.counts).toMatchObject({ commentsReceived: 3, accepted: 1 });
    // Tampering with the sealed table is caught offline.
    closedBundle.body.counts.accepted = 3;
    expect((await verifyBundle(closedBundle, jwks)).ok).toBe(false);
    // The version frozen when the round opened is a normal record labelled with the round's title.
    const versions = await fetchBytes(`/api/documents/${documentId}/versions`, owner.cookie);
    expect(versions.bytes.toString('utf8')).toContain('Lấy ý kiến dự thảo lần 2');
  }, 150_000);
});

describe('consultations page', () => {
  it('lists the officer\'s rounds and, for a department, the rounds still waiting for its answer, soonest first', async () => {
    const api = rounds(server);
    const unit = await makeUnit(server, 'Kế hoạch');
    const first = await makeDraft(server, 'Dự thảo A');
    const second = await makeDraft(server, 'Dự thảo B');
    const open = async (documentId: string, owner: typeof first.owner, hours: number) =>
      (await api.open(owner, documentId, { title: `Đợt ${hours}`, request: 'x', deadline: inSeconds(hours * 3600), departments: [{ department: unit.id, role: 'lead' }] })).body.round;
    const later = await open(first.documentId, first.owner, 48);
    const sooner = await open(second.documentId, second.owner, 5);
    const waiting = (await api.consultations(unit.member)).body.waiting as { id: string; waitingDepartments: { id: string }[]; totals: { departments: number } }[];
    const ids = waiting.map((w) => w.id).filter((id) => id === later.id || id === sooner.id);
    expect(ids).toEqual([sooner.id, later.id]);
    expect(waiting.find((w) => w.id === sooner.id)!.waitingDepartments).toEqual([expect.objectContaining({ id: unit.id })]);
    expect((await api.respond(unit.leader, sooner.id, { department: unit.id, position: 'agree', summary: '' })).status).toBe(201);
    const after = (await api.consultations(unit.member)).body.waiting.map((w: { id: string }) => w.id);
    expect(after).toContain(later.id);
    expect(after).not.toContain(sooner.id);
    const presiding = (await api.consultations(second.owner)).body;
    expect(presiding.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(presiding.presiding).toEqual([expect.objectContaining({ id: sooner.id, state: 'open', totals: { departments: 1, answered: 1, pending: 0, late: 0, comments: null } })]);
  }, 120_000);
});
