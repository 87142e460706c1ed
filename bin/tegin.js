#!/usr/bin/env node
// The `tegin` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { processIo } = await import('../src/cli/stdio.ts');
process.exitCode = await main(process.argv.slice(2), processIo());
