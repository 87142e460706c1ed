/**
 * The national-scale lines alone (bench/national.ts), without the rest of `npm run bench`:
 *   DATABASE_URL=postgres://… node --import tsx bench/national-only.ts
 * The same code `npm run bench` runs; a missing register prints the same SKIP line.
 */
import { line } from './line.ts';
import { benchNational } from './national.ts';
import { realData } from '../test/support/fixture.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.log('SKIP analytics.impact.3M, analytics.need.3M: DATABASE_URL is not set');
} else if (!(await benchNational(line, url, realData().registry))) {
  process.exitCode = 1;
}
