/**
 * First screen (issue 15): in real Chromium against a real server on loopback, warm cache,
 * the median of 5 runs of (a) navigation to the sign-in form being visible and (b) a click on a
 * document in the list to its text being shown and connected. Targets: ≤ 300 ms and ≤ 500 ms.
 */
import { buildClientOnce, launchBrowser, newContext } from '../test/support/browser';
import { makeDepartment, makeDocument, makeUser, signIn } from '../test/support/factories';
import { startTestServer } from '../test/support/server';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runFirstScreenBench(runs = 5) {
  await buildClientOnce();
  const [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  try {
    const db = server.database.db;
    const department = await makeDepartment(db, 'Văn phòng');
    const user = await makeUser(db, { departmentIds: [department.id] });
    const doc = await makeDocument(db, user, 'Báo cáo đo thời gian mở');

    const anonymous = await (await newContext(browser, server.url)).newPage();
    await anonymous.goto('/sign-in');
    await anonymous.getByRole('button', { name: 'Sign in' }).waitFor();
    const toForm: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = Date.now();
      await anonymous.goto('/sign-in');
      await anonymous.getByRole('button', { name: 'Sign in' }).waitFor();
      toForm.push(Date.now() - started);
    }

    const page = await (await newContext(browser, server.url, { cookie: await signIn(db, user.id) })).newPage();
    const toText: number[] = [];
    for (let i = 0; i <= runs; i++) {
      await page.goto('/');
      const link = page.getByRole('link', { name: doc.title });
      await link.waitFor();
      const clicked = Date.now();
      await link.click();
      await page.locator('.connection[data-state="connected"]').waitFor();
      if (i > 0) toText.push(Date.now() - clicked); // the first run warms the cache
    }
    console.log(`first screen (Chromium, loopback, warm cache, median of ${runs}):`);
    console.log(`  navigation → sign-in form visible: ${median(toForm)} ms (target ≤ 300; runs ${toForm.join(', ')})`);
    console.log(`  click a document → its text, connected: ${median(toText)} ms (target ≤ 500; runs ${toText.join(', ')})`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
