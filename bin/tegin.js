#!/usr/bin/env node
// The `tegin` command: the bundled CLI in dist/ (npm run build, run by npm ci), or the
// TypeScript sources through tsx when dist/ is missing or older than src/.
import { fileURLToPath } from 'node:url';
import { importBuilt } from './fresh.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { main, processIo } = await importBuilt(root, 'cli', 'src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), processIo());
