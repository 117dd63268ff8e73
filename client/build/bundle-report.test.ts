/**
 * The sign-in bundle budget (docs/web-client.md: the build fails when the sign-in route exceeds
 * its gzipped budget or loads editor code). The real build runs this plugin (vite.config.ts, and
 * every browser test builds the client); here it gets small synthetic bundles on each side of
 * the line, so the check itself is proven to fail when it should.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleReport } from './bundle-report';

const chunk = (fileName: string, code: string, extra: Partial<{ isEntry: boolean; facadeModuleId: string; imports: string[]; moduleIds: string[] }> = {}) => ({
  type: 'chunk' as const,
  fileName,
  code,
  imports: extra.imports ?? [],
  isEntry: extra.isEntry ?? false,
  facadeModuleId: extra.facadeModuleId ?? null,
  moduleIds: extra.moduleIds ?? [],
});

describe('sign-in bundle budget', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'codraft-bundle-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Run the plugin's check on a bundle: an entry, the sign-in chunk it loads, and a lazy editor chunk. */
  const check = async (budgetKb: number, signInCodeBytes: number, signInModules: string[] = ['/src/client/pages/SignInPage.tsx']) => {
    const plugin = bundleReport({ routeModule: 'pages/SignInPage.tsx', budgetKb, forbidden: /[\\/](@tiptap|yjs)[\\/]/ });
    const bundle = {
      'entry.js': chunk('entry.js', 'console.log("entry")', { isEntry: true }),
      // Random text does not compress: its gzipped size is about its length.
      'signin.js': chunk('signin.js', randomBytes(signInCodeBytes).toString('base64'), { facadeModuleId: '/src/client/pages/SignInPage.tsx', moduleIds: signInModules }),
      'editor.js': chunk('editor.js', randomBytes(40_000).toString('base64'), { moduleIds: ['/node_modules/yjs/dist/yjs.mjs'] }),
    };
    const context = { error: (message: string): never => { throw new Error(message); } };
    const log = console.log;
    console.log = () => {};
    try {
      await (plugin.writeBundle as unknown as (this: typeof context, output: { dir: string }, bundle: unknown) => Promise<void>).call(context, { dir }, bundle);
    } finally {
      console.log = log;
    }
  };

  it('passes a sign-in route under its budget (the lazy editor chunk does not count)', async () => {
    await expect(check(10, 4_000)).resolves.toBeUndefined();
  });

  it('fails the build when the sign-in route is over its budget', async () => {
    await expect(check(10, 12_000)).rejects.toThrow(/over the 10 kB budget/);
  });

  it('fails the build when the sign-in route loads editor code', async () => {
    await expect(check(10, 1_000, ['/node_modules/@tiptap/core/dist/index.js'])).rejects.toThrow(/loads editor code/);
  });
});
