/**
 * Vite plugin (build only): compiles the hand-written service worker (no dependencies) and writes
 * it as `sw.js` at the root of the build, with the list of every built file to precache and a
 * version derived from those (content-hashed) names, so each deploy installs a fresh cache.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { transformWithOxc, type Plugin } from 'vite';

export const precachePlaceholder = '__PRECACHE_MANIFEST__';

/** Files worth keeping offline: the app shell and every chunk, not the compressed copies. */
export const precacheable = (fileName: string) => !/\.(gz|br|map)$/.test(fileName) && fileName !== 'sw.js';

export function serviceWorker(options: { source: string }): Plugin {
  let root = '';
  return {
    name: 'codraft:service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async writeBundle(output, bundle) {
      const files = Object.keys(bundle).filter(precacheable).sort();
      const indexHtml = bundle['index.html'];
      const hash = createHash('sha256').update(files.join('\n'));
      if (indexHtml?.type === 'asset') hash.update(indexHtml.source);
      const manifest = { version: hash.digest('hex').slice(0, 12), files: files.map((f) => `/${f}`) };

      const sourcePath = path.join(root, options.source);
      const compiled = await transformWithOxc(await readFile(sourcePath, 'utf8'), sourcePath, { lang: 'ts' });
      if (!compiled.code.includes(precachePlaceholder)) this.error(`service worker: ${options.source} must reference ${precachePlaceholder}`);
      const code = compiled.code.replaceAll(precachePlaceholder, JSON.stringify(manifest));
      await writeFile(path.join(output.dir ?? '', 'sw.js'), code);
    },
  };
}
