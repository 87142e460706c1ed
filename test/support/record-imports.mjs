// `node --import ./test/support/record-imports.mjs …`: appends the address of every module the
// process resolves to the file named by TEGIN_IMPORTS_LOG (test/cli-start.test.ts).
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url);
