/**
 * tegin's version: package.json's, the one source. OpenAPI's `info.version` and the FHIR
 * CapabilityStatement's `software.version` report it; CHANGELOG.md names it per release.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export const VERSION: string = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
