/**
 * The repository's root directory, for the files read at run time (data/, SQL migrations, the
 * page assets, the registry cache). Computed from this module's address, which is one directory
 * below the root both in source (src/paths.ts) and in the build (dist/*.js, bundled flat).
 */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
