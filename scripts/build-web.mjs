// Builds the web app (apps/web) to dist/web with Vite, unless its inputs did not change since the last
// build: a fresh `npm start` builds once, later starts skip it. Inputs: the app's files, the libraries it
// imports (contracts, domain) and the lockfile; their hash is kept in dist/web/.inputs-hash.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist', 'web');
const stamp = join(out, '.inputs-hash');
const inputs = ['apps/web', 'libs/contracts/src', 'libs/domain/src', 'package-lock.json'];

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.endsWith('.spec.ts'))
    .flatMap((entry) => files(join(path, entry.name)));
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(files).sort()) {
  hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
}
const digest = hash.digest('hex');

const force = process.argv.includes('--force');
if (
  !force &&
  existsSync(stamp) &&
  existsSync(join(out, 'index.html')) &&
  readFileSync(stamp, 'utf8') === digest
) {
  process.exit(0);
}
const started = Date.now();
const { build } = await import('vite');
await build({ configFile: join(root, 'apps/web/vite.config.ts'), logLevel: 'warn' });
writeFileSync(stamp, digest);
process.stdout.write(`web app built in ${Date.now() - started} ms\n`);
