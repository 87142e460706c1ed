/**
 * The lines of a gzip'd backup file, one at a time, parsed as JSON. A damaged file (not gzip, a
 * bad checksum, cut short, a line that is not JSON) ends the iteration with a BackupError that
 * says where.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { BackupError } from './format.ts';

/** Longer than any row tegin writes (a registry file's body is kilobytes): a damaged file. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

export interface Line {
  number: number;
  value: unknown;
}

export async function* backupLines(path: string): AsyncGenerator<Line> {
  const gunzip = createGunzip();
  const input = createReadStream(path);
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  const parse = (text: string): Line => {
    number++;
    try {
      return { number, value: JSON.parse(text) as unknown };
    } catch {
      throw new BackupError(
        'BACKUP_FILE',
        `${path}: line ${number} is not JSON: the file is damaged`,
      );
    }
  };
  try {
    for await (const chunk of gunzip) {
      pending += decoder.write(chunk as Buffer);
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const text = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        yield parse(text);
      }
      if (pending.length > MAX_LINE_CHARS) {
        throw new BackupError(
          'BACKUP_FILE',
          `${path}: line ${number + 1} never ends: the file is damaged`,
        );
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const reason =
      (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR'
        ? 'it ends early (truncated)'
        : (error as Error).message;
    throw new BackupError('BACKUP_FILE', `${path}: cannot read the backup: ${reason}`);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  pending += decoder.end();
  if (pending !== '') yield parse(pending);
}
