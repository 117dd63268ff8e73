/**
 * Vite plugin (build only): prints the gzipped size of every built chunk, computes what the
 * sign-in route loads (entry chunk, the route's lazy chunk and their static imports), fails the
 * build when that exceeds the budget or pulls in editor code, and writes `.gz`/`.br` copies of
 * text assets next to them so the server can send them precompressed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export interface BundleReportOptions {
  /** The sign-in page module, relative to the client root. */
  routeModule: string;
  budgetKb: number;
  /** Module ids that must never be loaded by the sign-in route. */
  forbidden: RegExp;
}

interface ChunkInfo {
  fileName: string;
  code: string;
  imports: string[];
  isEntry: boolean;
  facadeModuleId: string | null;
  moduleIds: string[];
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(7) + ' kB';
const compressible = /\.(js|css|html|svg|json|webmanifest)$/;

/** A chunk plus every chunk it imports statically, transitively. */
export function staticClosure(start: string[], chunks: Map<string, ChunkInfo>) {
  const seen = new Set<string>();
  const stack = [...start];
  for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(chunks.get(name)?.imports ?? []));
  }
  return seen;
}

export function bundleReport(options: BundleReportOptions): Plugin {
  return {
    name: 'codraft:bundle-report',
    apply: 'build',
    async writeBundle(output, bundle) {
      const outDir = output.dir ?? '';
      const chunks = new Map<string, ChunkInfo>();
      const gz = new Map<string, number>();
      for (const file of Object.values(bundle)) {
        const source = file.type === 'chunk' ? file.code : file.source;
        if (!compressible.test(file.fileName)) continue;
        const buffer = Buffer.from(source);
        const gzipped = gzipSync(buffer, { level: 9 });
        gz.set(file.fileName, gzipped.length);
        if (buffer.length > 1024) {
          const brotli = brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
          await writeFile(path.join(outDir, `${file.fileName}.gz`), gzipped);
          await writeFile(path.join(outDir, `${file.fileName}.br`), brotli);
        }
        if (file.type === 'chunk') chunks.set(file.fileName, { ...file, facadeModuleId: file.facadeModuleId ?? null });
      }

      const entries = [...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName);
      const route = [...chunks.values()].find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(options.routeModule));
      if (!route) this.error(`bundle-report: no chunk for ${options.routeModule} (is it lazy-loaded?)`);
      const signIn = staticClosure([...entries, route.fileName], chunks);
      const signInBytes = [...signIn].reduce((sum, name) => sum + (gz.get(name) ?? 0), 0);

      const rows = [...chunks.keys()].sort((a, b) => (gz.get(b) ?? 0) - (gz.get(a) ?? 0));
      const lines = rows.map((name) => `  ${kb(gz.get(name) ?? 0)}  ${signIn.has(name) ? '*' : ' '} ${name}`);
      const css = [...gz].filter(([name]) => name.endsWith('.css')).map(([name, size]) => `  ${kb(size)}    ${name}`);
      console.log(
        [
          '',
          'Gzipped JavaScript chunks (* = loaded by the sign-in route):',
          ...lines,
          ...(css.length ? ['Gzipped stylesheets:', ...css] : []),
          `Sign-in route JavaScript: ${kb(signInBytes).trim()} gzipped (budget ${options.budgetKb} kB)`,
          '',
        ].join('\n'),
      );

      const leaked = [...signIn].flatMap((name) => chunks.get(name)?.moduleIds.filter((id) => options.forbidden.test(id)) ?? []);
      if (leaked.length) this.error(`bundle-report: the sign-in route loads editor code:\n  ${leaked.slice(0, 10).join('\n  ')}`);
      if (signInBytes > options.budgetKb * 1024) {
        this.error(`bundle-report: sign-in route JavaScript is ${kb(signInBytes).trim()} gzipped, over the ${options.budgetKb} kB budget`);
      }
    },
  };
}
