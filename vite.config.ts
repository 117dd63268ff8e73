/**
 * Builds the web client (`client/`) into `dist/client`, served by the Hono server in production.
 * In development (`npm run dev`) Vite serves the client with hot reload and proxies the API and
 * the collaboration websocket to the server. One copy of the Yjs/ProseMirror stack is enforced by
 * `resolve.dedupe`; the build prints gzipped chunk sizes and fails when the sign-in route
 * outgrows its budget (client/build/bundle-report.ts). The service worker is generated last.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { bundleReport } from './client/build/bundle-report.ts';
import { serviceWorker } from './client/build/service-worker-plugin.ts';

const root = fileURLToPath(new URL('./client', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/client', import.meta.url));
/** Where `npm run dev` runs the server (client/tools/dev.ts sets it). */
const serverUrl = process.env.CODRAFT_SERVER_URL ?? 'http://localhost:8080';

export default defineConfig({
  root,
  publicDir: false,
  plugins: [
    solid(),
    bundleReport({ routeModule: 'pages/SignInPage.tsx', budgetKb: 60, forbidden: /[\\/](@tiptap|prosemirror-[a-z]+|yjs|y-websocket|y-indexeddb|y-protocols)[\\/]/ }),
    serviceWorker({ source: 'sw/service-worker.ts' }),
  ],
  resolve: {
    // Two copies of any of these break Yjs (`instanceof` checks) or ProseMirror (schema identity).
    dedupe: ['yjs', 'y-protocols', 'lib0', '@tiptap/pm', '@tiptap/core', 'solid-js'],
  },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The editor stack changes rarely: its own long-cached chunk, loaded by the document page only.
            { name: 'editor-vendor', test: /[\\/]node_modules[\\/](@tiptap|prosemirror-[a-z-]+|yjs|y-[a-z]+|lib0|linkifyjs|orderedmap|rope-sequence|w3c-keyname)[\\/]/ },
            { name: 'app-core', test: /[\\/]node_modules[\\/](solid-js|hono)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api/': { target: serverUrl, changeOrigin: false },
      '/collab/': { target: serverUrl, ws: true, changeOrigin: false },
      '/health': { target: serverUrl },
    },
  },
});
