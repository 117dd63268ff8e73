// Pass rate of `.ci/run repeat N`: reads the vitest JSON report of every pass
// (run<k>-postgres.json, run<k>-pglite.json) and what each run left behind, and prints one line
// per pass, every failing test by name, and the totals. A missing report counts as a failed pass
// (the run crashed or was killed before vitest wrote it).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface AssertionResult { fullName: string; status: string; failureMessages?: string[] }
interface FileResult { name: string; status: string; message?: string; startTime?: number; endTime?: number; assertionResults: AssertionResult[] }
interface Report { success: boolean; startTime: number; numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests?: number; testResults: FileResult[] }

const [dir = '/tmp/codraft-repeat', runsArg = '5'] = process.argv.slice(2);
const runs = Number(runsArg);
const databases = ['postgres', 'pglite'] as const;

let passesGreen = 0;
let passesTotal = 0;
let testsRun = 0;
let testsFailed = 0;
const failures: string[] = [];
const leftovers: string[] = [];

console.log('| run | database | result | files passed / failed / skipped | tests passed / failed / skipped | wall |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (let run = 1; run <= runs; run++) {
  for (const db of databases) {
    passesTotal++;
    const file = join(dir, `run${run}-${db}.json`);
    if (!existsSync(file)) {
      console.log(`| ${run} | ${db} | no report | – | – | – |`);
      failures.push(`run ${run} ${db}: no report (crashed or killed)`);
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const files = report.testResults;
    const filesFailed = files.filter((f) => f.status === 'failed').length;
    const filesSkipped = files.filter((f) => f.assertionResults.length > 0 && f.assertionResults.every((a) => a.status !== 'passed' && a.status !== 'failed')).length;
    const filesPassed = files.length - filesFailed - filesSkipped;
    const end = Math.max(...files.map((f) => f.endTime ?? report.startTime));
    const wall = Math.round((end - report.startTime) / 1000);
    const green = report.success && filesFailed === 0;
    if (green) passesGreen++;
    testsRun += report.numPassedTests + report.numFailedTests;
    testsFailed += report.numFailedTests;
    console.log(`| ${run} | ${db} | ${green ? 'pass' : 'FAIL'} | ${filesPassed} / ${filesFailed} / ${filesSkipped} | ${report.numPassedTests} / ${report.numFailedTests} / ${report.numPendingTests + (report.numTodoTests ?? 0)} | ${wall} s |`);
    for (const f of files) {
      const name = relative(process.cwd(), f.name);
      const failed = f.assertionResults.filter((a) => a.status === 'failed');
      for (const a of failed) failures.push(`run ${run} ${db}: ${name} › ${a.fullName}: ${(a.failureMessages?.[0] ?? '').split('\n')[0]}`);
      if (f.status === 'failed' && failed.length === 0) failures.push(`run ${run} ${db}: ${name} (file failed: ${(f.message ?? '').split('\n')[0]})`);
    }
  }
  const status = join(dir, `run${run}-git-status.txt`);
  if (existsSync(status) && readFileSync(status, 'utf8').trim()) leftovers.push(`run ${run}: working tree not clean:\n${readFileSync(status, 'utf8')}`);
  const dbs = join(dir, `run${run}-databases.txt`);
  if (existsSync(dbs) && readFileSync(dbs, 'utf8').trim()) leftovers.push(`run ${run}: test databases left: ${readFileSync(dbs, 'utf8').trim().split('\n').join(', ')}`);
}

console.log(`\npasses green: ${passesGreen} of ${passesTotal}; test executions: ${testsRun - testsFailed} of ${testsRun} passed (${testsRun ? ((100 * (testsRun - testsFailed)) / testsRun).toFixed(2) : '0'} %)`);
console.log(failures.length ? `failures:\n${failures.map((f) => `- ${f}`).join('\n')}` : 'failures: none');
console.log(leftovers.length ? `left behind:\n${leftovers.join('\n')}` : 'left behind: nothing (clean tree, no test database after every run)');
