// The resolve hook of record-imports.mjs (module hooks run off the main thread).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const log = process.env.TEGIN_IMPORTS_LOG;
  if (log) appendFileSync(log, `${resolved.url}\n`);
  return resolved;
}
