/** `node --import tsx bench/mixed.ts`: only the public-reads HTTP benchmark (bench/http-mixed.ts). */
import { benchHttpMixed } from './http-mixed.ts';
import { line } from './line.ts';

await benchHttpMixed(line);
