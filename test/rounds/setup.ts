/**
 * A consultation scenario on a real server: a drafting department with the draft's owner, and
 * consulted departments each with a leader and a member; a draft written in articles and clauses
 * through a real y-websocket client; helpers for the rounds API.
 */
import { call } from '../api/http';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import type { TestServer } from '../support/server';
import { writeDraft } from '../comments/setup';

export const draftText = [
  'Điều 1. Phạm vi điều chỉnh',
  '1. Quy định này áp dụng cho các sở, ban, ngành.',
  '2. Ngân sách được phân bổ theo quý cho từng đơn vị.',
  'Điều 2. Hiệu lực thi hành',
  'Quyết định có hiệu lực kể từ ngày ký ban hành.',
];

export interface Unit {
  id: string;
  name: string;
  leader: TestUser;
  member: TestUser;
}

export async function makeUnit(server: Pick<TestServer, 'database'>, name: string): Promise<Unit> {
  const db = server.database.db;
  const dept = await makeDepartment(db, `${name} ${Math.random().toString(36).slice(2, 7)}`);
  const leader = await makeUser(db, { leaderOf: [dept.id], name: `Trưởng phòng ${name}` });
  const member = await makeUser(db, { departmentIds: [dept.id], name: `Chuyên viên ${name}` });
  return { id: dept.id, name: dept.name, leader, member };
}

/** An owner in a drafting department and a draft holding `draftText`, written live. */
export async function makeDraft(server: TestServer, title = 'Dự thảo Quyết định về ngân sách') {
  const db = server.database.db;
  const drafting = await makeDepartment(db, `Văn phòng ${Math.random().toString(36).slice(2, 7)}`);
  const owner = await makeUser(db, { departmentIds: [drafting.id], name: 'Nguyễn Văn Chủ Trì' });
  const doc = await makeDocument(db, owner, title);
  const client = await writeDraft(server, doc.id, owner, draftText);
  client.destroy();
  return { documentId: doc.id, owner, drafting };
}

const write = { headers: {} as Record<string, string> };

export const rounds = (server: { url: string }) => {
  const w = (user?: TestUser) => ({ cookie: user?.cookie, headers: { ...write.headers, origin: server.url } });
  return {
    open: (user: TestUser | undefined, documentId: string, body: unknown) => call(server, 'POST', `/api/documents/${documentId}/rounds`, { ...w(user), body }),
    list: (user: TestUser | undefined, documentId: string) => call(server, 'GET', `/api/documents/${documentId}/rounds`, { cookie: user?.cookie }),
    get: (user: TestUser | undefined, roundId: string) => call(server, 'GET', `/api/rounds/${roundId}`, { cookie: user?.cookie }),
    respond: (user: TestUser | undefined, roundId: string, body: unknown) => call(server, 'POST', `/api/rounds/${roundId}/responses`, { ...w(user), body }),
    close: (user: TestUser | undefined, roundId: string, body: unknown = {}) => call(server, 'POST', `/api/rounds/${roundId}/close`, { ...w(user), body }),
    disposition: (user: TestUser | undefined, roundId: string, query = '') => call(server, 'GET', `/api/rounds/${roundId}/disposition${query}`, { cookie: user?.cookie }),
    dispose: (user: TestUser | undefined, roundId: string, threadId: string, body: unknown) =>
      call(server, 'PUT', `/api/rounds/${roundId}/disposition/${threadId}`, { ...w(user), body }),
    consultations: (user: TestUser | undefined) => call(server, 'GET', '/api/consultations', { cookie: user?.cookie }),
    comment: (user: TestUser, documentId: string, exact: string, body: string) =>
      call(server, 'POST', `/api/documents/${documentId}/threads`, { ...w(user), body: { kind: 'comment', body, anchor: { exact } } }),
    reply: (user: TestUser, threadId: string, body: string) => call(server, 'POST', `/api/threads/${threadId}/comments`, { ...w(user), body: { body } }),
    notifications: (user: TestUser) => call(server, 'GET', '/api/notifications', { cookie: user.cookie }),
    document: (user: TestUser, documentId: string) => call(server, 'GET', `/api/documents/${documentId}`, { cookie: user.cookie }),
  };
};

export const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
