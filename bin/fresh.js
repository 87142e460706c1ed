// Whether dist/ (npm run build) still matches the sources it was built from: every input listed
// in dist/build.json has the same size and mtime, or, when a checkout touched it, the same
// SHA-256. A missing or stale build means running the sources through tsx instead.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** @returns {string | undefined} why dist/ cannot be used, or undefined when it is fresh */
export function whyStale(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, 'dist', 'build.json'), 'utf8'));
  } catch {
    return 'dist/ is missing';
  }
  for (const input of stamp.inputs) {
    const full = join(root, input.path);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      return `${input.path} is gone`;
    }
    if (stat.size === input.size && stat.mtimeMs === input.mtimeMs) continue;
    const sha256 = createHash('sha256').update(readFileSync(full)).digest('hex');
    if (sha256 !== input.sha256) return `${input.path} changed since the build`;
  }
  return undefined;
}

/** Imports `dist/<name>.js` when fresh, else the TypeScript source through tsx (with a note). */
export async function importBuilt(root, name, source, stderr = process.stderr) {
  const why = whyStale(root);
  if (why === undefined) return import(join(root, 'dist', `${name}.js`));
  stderr.write(
    `tegin: running from source through tsx (${why}; "npm run build" makes starts fast)\n`,
  );
  const { register } = await import('tsx/esm/api');
  register();
  return import(join(root, source));
}
