/**
 * Sign-off benchmark (issue 10), part of `npm run bench`, or alone: `npx tsx bench/signatures.ts
 * [--signers 20] [--rounds 5]`. An app in this process (app.request, no network) on Postgres
 * (DATABASE_URL) or embedded PGlite. Prints:
 *   sign    — server time to accept one signature (verify the JWS against the certified key, record,
 *             open the next step), `signers` signing at once, `rounds` times: p50/p99
 *   issue   — server time to issue one document (number, seal, ledger append), `signers` clerks'
 *             requests at once on one register: p50/p99
 *   verify  — offline verification of one issued bundle (verifyBundle: generic + kind checks): p50/p99
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { grant, makeUser, type TestUser } from '../test/support/factories';
import { certifiedKey, frozenVersion, scenario, submit } from '../test/signatures/setup';
import { verifyBundle } from '../shared/records';
import { fmt, summarize } from './stats';

export async function runSignaturesBench(options: { signers?: number; rounds?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const count = options.signers ?? 20;
  const rounds = options.rounds ?? 5;
  const s = await scenario();
  try {
    const db = s.t.testDb.handle.db;
    const leaders: { user: TestUser; key: Awaited<ReturnType<typeof certifiedKey>> }[] = [];
    for (let i = 0; i < count; i++) {
      const user = await makeUser(db, { leaderOf: s.leader.leaderDepartmentIds as string[], name: `Leader ${i}` });
      leaders.push({ user, key: await certifiedKey(s, user) });
    }
    const signTimes: number[] = [];
    const issueTimes: number[] = [];
    let lastSeq = 0;
    for (let r = 0; r < rounds; r++) {
      // One draft per signer, each submitted to that signer alone.
      const subs = [];
      for (const l of leaders) {
        const { documentId, versionId } = await frozenVersion(s, `Bench round ${r}`);
        await grant(db, documentId, { userId: l.user.id }, 'comment');
        const sub = await submit(s, versionId, { documentType: 'QĐ', signers: [{ user: l.user.id, step: 'sign' }] });
        const { submission } = await s.t.json(`/api/submissions/${sub.id}`, { cookie: l.user.cookie });
        subs.push({ id: sub.id, l, jws: await l.key.sign(submission.steps[0].payload) });
      }
      await Promise.all(
        subs.map(async ({ id, l, jws }) => {
          const started = performance.now();
          const res = await s.t.request(`/api/submissions/${id}/steps/0/sign`, { cookie: l.user.cookie, body: { keyId: l.key.keyId, jws } });
          signTimes.push(performance.now() - started);
          if (res.status !== 200) throw new Error(`sign: ${res.status} ${await res.text()}`);
        }),
      );
      await Promise.all(
        subs.map(async ({ id }) => {
          const started = performance.now();
          const res = await s.t.request(`/api/submissions/${id}/issue`, { cookie: s.clerk.cookie, body: {} });
          issueTimes.push(performance.now() - started);
          if (res.status !== 200) throw new Error(`issue: ${res.status} ${await res.text()}`);
          lastSeq = (await res.json()).seq;
        }),
      );
    }
    const bundle = await s.t.json(`/api/records/${lastSeq}/bundle`, { cookie: s.clerk.cookie });
    const jwks = await s.t.json('/.well-known/jwks.json');
    const verifyTimes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      const report = await verifyBundle(bundle, jwks);
      verifyTimes.push(performance.now() - started);
      if (!report.ok) throw new Error('issued bundle does not verify');
    }
    const line = (what: string, values: number[]) => {
      const st = summarize(values);
      log(`  ${what.padEnd(52)} n=${st.count}  p50 ${fmt(st.p50)} ms  p99 ${fmt(st.p99)} ms  max ${fmt(st.max)} ms`);
    };
    log(`signatures (${s.t.testDb.url ? 'Postgres' : 'embedded PGlite'}), ${count} concurrent signers × ${rounds} rounds:`);
    line('accept one signature (server time)', signTimes);
    line(`issue one document (${count} at once, one register)`, issueTimes);
    line('verify an issued bundle offline (1 signature + seal)', verifyTimes);
  } finally {
    await s.t.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { signers: { type: 'string', default: '20' }, rounds: { type: 'string', default: '5' } } });
  await runSignaturesBench({ signers: Number(values.signers), rounds: Number(values.rounds) });
  process.exit(0);
}
