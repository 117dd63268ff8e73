/** Agency settings (issue 13): everyone signed in reads them, administrators change them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from '../api/http';
import { sql } from 'drizzle-orm';
import { getAgencySettings } from '../../server/agency/settings';

let server: TestServer;
let admin: TestUser;
let member: TestUser;

const settings = {
  name: 'ỦY BAN NHÂN DÂN XÃ AN BÌNH',
  abbreviation: 'UBND',
  code: '000.00.00.H29',
  superiorBody: 'ỦY BAN NHÂN DÂN HUYỆN PHÚ GIÁO',
  placeName: 'An Bình',
  signerTitles: [{ authorityPrefix: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' }, { title: 'CÔNG CHỨC VĂN PHÒNG' }],
};

beforeAll(async () => {
  server = await startTestServer();
  admin = await makeUser(server.database.db, { isAdmin: true });
  member = await makeUser(server.database.db);
});
afterAll(() => server.stop());

describe('agency settings', () => {
  it('are empty, never invented, before an administrator fills them in', async () => {
    // A new agency: no settings row (another test of this file may have saved one already).
    await server.database.db.execute(sql`delete from agency_settings`);
    const res = await call(server, 'GET', '/api/agency', { cookie: member.cookie });
    expect(res.status).toBe(200);
    expect(res.body.agency).toMatchObject({ name: '', abbreviation: '', placeName: '', signerTitles: [] });
  });

  it('are saved by an administrator, read by everyone signed in and by getAgencySettings', async () => {
    const saved = await call(server, 'PUT', '/api/agency', { cookie: admin.cookie, body: settings });
    expect(saved.status).toBe(200);
    const expected = { ...settings, signerTitles: [settings.signerTitles[0], { authorityPrefix: '', title: 'CÔNG CHỨC VĂN PHÒNG' }] };
    expect(saved.body.agency).toMatchObject(expected);
    expect((await call(server, 'GET', '/api/agency', { cookie: member.cookie })).body.agency).toMatchObject(expected);
    expect(await getAgencySettings(server.database.db)).toMatchObject(expected);
    // A second save replaces the row (one agency, one row).
    const again = await call(server, 'PUT', '/api/agency', { cookie: admin.cookie, body: { ...settings, placeName: 'Phú Giáo' } });
    expect(again.body.agency.placeName).toBe('Phú Giáo');
  });

  it('refuses a non-administrator (403) and bad input (400 naming the field)', async () => {
    expect((await call(server, 'PUT', '/api/agency', { cookie: member.cookie, body: settings })).status).toBe(403);
    const bad = await call(server, 'PUT', '/api/agency', { cookie: admin.cookie, body: { ...settings, abbreviation: 'ub nd' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('abbreviation');
    expect((await call(server, 'GET', '/api/agency')).status).toBe(401);
  });

  // PUT /api/agency is audited by the audit middleware (server/audit/http-actions.ts), refusals too.
  it('puts every change and refusal in the audit trail', async () => {
    expect((await call(server, 'PUT', '/api/agency', { cookie: admin.cookie, body: settings })).status).toBe(200);
    expect((await call(server, 'PUT', '/api/agency', { cookie: member.cookie, body: settings })).status).toBe(403);
    const rows = await server.database.db.execute(sql`select actor_id, outcome from audit_events where action = 'agency.update' order by seq desc limit 2`);
    const events = ((rows as unknown as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[])) as { actor_id: string; outcome: string }[];
    expect(events.map((e) => [e.actor_id, e.outcome])).toEqual([[member.id, 'denied'], [admin.id, 'success']]);
  });
});
