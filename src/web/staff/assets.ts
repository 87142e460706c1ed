/**
 * The staff screens' stylesheet, beside the public one (which every staff page loads first):
 * the staff bar, forms in columns, record tables and the A5 print of a prescription. Served
 * under a content hash, like the public assets (src/web/assets.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../paths.ts';

export interface StaffCss {
  url: string;
  body: string;
}

let cached: StaffCss | undefined;

export function staffCss(): StaffCss {
  if (!cached) {
    const body = readFileSync(join(ROOT, 'src/web/staff/staff.css'), 'utf8');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    cached = { url: `/assets/staff.${hash}.css`, body };
  }
  return cached;
}
