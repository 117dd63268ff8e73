/**
 * Issue 11, "what it must show" 1: open a dossier from the annual list, file a frozen version and
 * an event record (the same record in two dossiers), close, fail to add more, hand over; the
 * package verifies offline (in-process and with `codraft verify package.zip --jwks`); changing one
 * byte of any file in the ZIP fails verification and names that file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { startTestServer, type TestServer } from '../support/server';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { call } from '../api/http';
import { paragraphs, setContent } from '../records/content';
import { verifyPackage } from '../../shared/dossiers/package';
import { appendEvent } from '../../server/records/append-event';
import { createSigner } from '../../server/records/signer';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: TestServer;
let clerk: TestUser;
let member: TestUser;
let outsider: TestUser;
let deptId: string;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const dept = await makeDepartment(db, 'Văn phòng');
  deptId = dept.id;
  clerk = await makeUser(db, { departmentIds: [dept.id], isClerk: true, name: 'Lê Thị Văn Thư' } as never);
  member = await makeUser(db, { departmentIds: [dept.id], leaderOf: [dept.id] } as never);
  outsider = await makeUser(db);
}, 120_000);
afterAll(() => server?.stop());

describe('dossier lifecycle', { timeout: 180_000 }, () => {
  it('runs from the annual list to a verified handover package', async () => {
    const db = server.database.db;
    // Annual list, kept by the department's leader.
    const plan = await call(server, 'PUT', `/api/departments/${deptId}/dossier-plan?year=2026`, {
      cookie: member.cookie,
      body: { items: [{ notation: 'HS-01', title: 'Hồ sơ kế hoạch đầu tư công 2026', retention: 'permanent' }, { notation: 'HS-02', title: 'Hồ sơ báo cáo quý', retention: '10' }] },
    });
    expect(plan.status).toBe(200);
    expect((await call(server, 'PUT', `/api/departments/${deptId}/dossier-plan?year=2026`, { cookie: outsider.cookie, body: { items: [] } })).status).toBe(404);
    const item = plan.body.items[0];
    const opened = await call(server, 'POST', '/api/dossiers', { cookie: member.cookie, body: { department: deptId, year: 2026, planItemId: item.id } });
    expect(opened.status).toBe(201);
    const dossier = opened.body.dossier;
    expect(dossier).toMatchObject({ notation: 'HS-01', title: item.title, retention: 'permanent', state: 'open', creatorId: member.id });
    expect(dossier.fileCode).toMatch(/\.2026\.HS-01$/);
    const adHoc = await call(server, 'POST', '/api/dossiers', { cookie: clerk.cookie, body: { department: deptId, year: 2026, notation: 'HS-99', title: 'Hồ sơ phát sinh', retention: '5' } });
    expect(adHoc.status).toBe(201);
    expect((await call(server, 'POST', '/api/dossiers', { cookie: clerk.cookie, body: { department: deptId, year: 2026, notation: 'HS-99', title: 'Trùng', retention: '5' } })).status).toBe(409);

    // A frozen version and an event entry (stands for an issued document, issue 10).
    const doc = await makeDocument(db, member, 'Quyết định phê duyệt kế hoạch');
    await setContent(server.collab, doc.id, paragraphs('Điều 1. Phê duyệt kế hoạch đầu tư công năm 2026.'));
    const frozen = await call(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: member.cookie, body: { label: 'Bản trình ký' } });
    expect(frozen.status).toBe(201);
    const versionSeq: number = frozen.body.version.seq;
    const key = await createSigner(db, server.config).current();
    const issued = await db.transaction((tx) =>
      appendEvent(tx, { kind: 'document.issued_test', documentId: doc.id, subjectId: doc.id, title: 'Số 07/QĐ-UBND', body: { number: 7, symbol: '07/QĐ-UBND' }, recordedBy: null, key }),
    );
    const eventSeq = issued.entry.seq;

    for (const seq of [versionSeq, eventSeq]) {
      expect((await call(server, 'POST', `/api/dossiers/${dossier.id}/records`, { cookie: clerk.cookie, body: { seq } })).status).toBe(201);
    }
    // The same record in a second dossier, without copying.
    expect((await call(server, 'POST', `/api/dossiers/${adHoc.body.dossier.id}/records`, { cookie: clerk.cookie, body: { seq: versionSeq } })).status).toBe(201);
    expect((await call(server, 'POST', `/api/dossiers/${dossier.id}/records`, { cookie: outsider.cookie, body: { seq: versionSeq } })).status).toBe(404);
    expect((await call(server, 'POST', `/api/dossiers/${dossier.id}/records`, { cookie: clerk.cookie, body: { seq: 999_999 } })).status).toBe(404);

    const shown = await call(server, 'GET', `/api/dossiers/${dossier.id}`, { cookie: member.cookie });
    expect(shown.body.records.map((r: { seq: number }) => r.seq)).toEqual([versionSeq, eventSeq]);
    expect(shown.body.records[0]).toMatchObject({ title: 'Quyết định phê duyệt kế hoạch', label: 'Bản trình ký' });
    expect((await call(server, 'GET', `/api/dossiers/${dossier.id}`, { cookie: outsider.cookie })).status).toBe(404);

    // Close: totals and end date fixed; nothing more accepted; only clerks/admins hand over.
    const closed = await call(server, 'POST', `/api/dossiers/${dossier.id}/close`, { cookie: member.cookie, body: {} });
    expect(closed.status).toBe(200);
    expect(closed.body.dossier).toMatchObject({ state: 'closed', docTotal: 2, endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await call(server, 'POST', `/api/dossiers/${dossier.id}/records`, { cookie: clerk.cookie, body: { seq: eventSeq } })).status).toBe(409);
    expect((await call(server, 'POST', `/api/dossiers/${dossier.id}/reopen`, { cookie: clerk.cookie })).status).toBe(403);
    expect((await call(server, 'POST', `/api/dossiers/${dossier.id}/handover`, { cookie: member.cookie })).status).toBe(403);
    const handed = await call(server, 'POST', `/api/dossiers/${dossier.id}/handover`, { cookie: clerk.cookie });
    expect(handed.status).toBe(200);
    expect(handed.body.dossier.state).toBe('handed_over');
    expect((await call(server, 'POST', `/api/dossiers/${dossier.id}/handover`, { cookie: clerk.cookie })).status).toBe(409);

    // The handover is in the ledger; the audit trail was anchored with it.
    const bundle = await call(server, 'GET', `/api/records/${handed.body.seq}/bundle`, { cookie: clerk.cookie });
    expect(bundle.body.entry).toMatchObject({ kind: 'dossier.handover', subjectId: dossier.id });
    const audit = await db.execute(`select action from audit_events where object_id = '${dossier.id}' order by seq` as never);
    const actions = ((Array.isArray(audit) ? audit : (audit as any).rows) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['dossier.create', 'dossier.file', 'dossier.file', 'dossier.close', 'dossier.handover']);

    // The package, verified offline.
    const res = await fetch(`${server.url}/api/dossiers/${dossier.id}/package`, { headers: { cookie: clerk.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = new Uint8Array(await res.arrayBuffer());
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    const report = await verifyPackage(zip, jwks);
    expect(report).toMatchObject({ ok: true, problems: [], bundles: 3 });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(
      expect.arrayContaining(['dossier.json', 'dossier.xml', 'manifest.json', 'manifest.jws', `records/${String(versionSeq).padStart(6, '0')}.bundle.json`, `records/${String(versionSeq).padStart(6, '0')}.html`]),
    );
    const xml = new TextDecoder().decode(files['dossier.xml']);
    expect(xml).toContain('<MaHoSo ten="Mã hồ sơ">');
    expect(xml).toContain('<ThoiHanBaoQuan ten="Thời hạn bảo quản">Vĩnh viễn</ThoiHanBaoQuan>');
    expect(new TextDecoder().decode(files[`records/${String(versionSeq).padStart(6, '0')}.html`])).toContain('Phê duyệt kế hoạch đầu tư công');

    // One byte changed in any file fails and names it.
    for (const name of Object.keys(files)) {
      const copy = { ...files, [name]: files[name]!.slice() };
      const bytes = copy[name]!;
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
      const tampered = await verifyPackage(zipSync(copy), jwks);
      expect(tampered.ok, name).toBe(false);
      const named = tampered.problems.map((p) => p.file);
      expect(named.some((f) => f === name || (name === 'manifest.json' && f === 'manifest.jws') || (name === 'manifest.jws' && f === 'manifest.jws')), `${name}: ${JSON.stringify(tampered.problems)}`).toBe(true);
    }

    // The CLI, as an archive would run it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codraft-pkg-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.zip'), zip);
      fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify(jwks));
      const target = `records/${String(eventSeq).padStart(6, '0')}.bundle.json`;
      const bad = { ...files, [target]: new TextEncoder().encode(new TextDecoder().decode(files[target]).replace('07/QĐ-UBND', '08/QĐ-UBND')) };
      fs.writeFileSync(path.join(dir, 'tampered.zip'), zipSync(bad));
      const run = (file: string) => spawnSync(process.execPath, [path.join(root, 'bin/codraft.mjs'), 'verify', path.join(dir, file), '--jwks', path.join(dir, 'jwks.json')], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, LOG_LEVEL: 'silent' } });
      const good = run('package.zip');
      expect(good.status, good.stdout + good.stderr).toBe(0);
      expect(good.stdout).toContain('✓ verified');
      const failed = run('tampered.zip');
      expect(failed.status).toBe(1);
      expect(failed.stdout + failed.stderr).toContain(target);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
