#!/usr/bin/env node
// `npm start`: the bundled server in dist/ (npm run build, run by npm ci), or the TypeScript
// sources through tsx when dist/ is missing or older than src/.
import { fileURLToPath } from 'node:url';
import { importBuilt } from './fresh.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { runServer } = await importBuilt(root, 'server', 'src/server.ts');
await runServer();
