/**
 * The process's own streams as a CliIo, for bin/tegin.js. A reader that stops early
 * (`tegin regions | head -1`) closes the pipe: the command then ends quietly with exit 0, as
 * Unix tools do, instead of an unhandled EPIPE and a stack trace.
 */
import type { CliIo } from './io.ts';

export function processIo(): CliIo {
  const quietOnClosedPipe = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  };
  process.stdout.on('error', quietOnClosedPipe);
  process.stderr.on('error', quietOnClosedPipe);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async (maxBytes) => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        if (size > maxBytes) break;
      }
      return Buffer.concat(chunks)
        .subarray(0, maxBytes + 1)
        .toString('utf8');
    },
  };
}
