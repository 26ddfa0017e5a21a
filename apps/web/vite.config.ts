import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const lib = (name: string) => fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));

/**
 * The web app: one bundle for every face (TV board, rep view, login, console), built to dist/web and
 * served by the api. `#contracts` and `#domain` resolve to the libraries' TypeScript sources, so the
 * browser and the server share wire types, value lists and rules (both libraries are pure: no I/O).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  resolve: { alias: { '#contracts': lib('contracts'), '#domain': lib('domain') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
