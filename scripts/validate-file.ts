// Validates one data file against the schemas: node --import tsx scripts/validate-file.ts FILE
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DataFile } from '../src/domain/files.ts';

for (const file of process.argv.slice(2)) {
  const result = DataFile.safeParse(parse(readFileSync(file, 'utf8')));
  if (result.success) console.log(`${file}: ok`);
  else {
    process.exitCode = 1;
    for (const issue of result.error.issues)
      console.log(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
}
