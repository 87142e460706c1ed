/**
 * The real server as a child process (`node bin/server.js`: dist/ when built and fresh), on a
 * fixed loopback port so clients reach a restarted one at the same address; killed with any
 * signal and started again, its resident memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A loopback port free now (one just released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

export interface RunningServer {
  pid: number;
  url: string;
  output(): string;
  /** The exit code, or the signal's name. */
  exited: Promise<string>;
  child: ChildProcess;
}

/** Starts the server and resolves once it prints its address (rejects if it exits first). */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<RunningServer> {
  const child = spawn(process.execPath, ['bin/server.js'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start in ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const look = () => {
      const match = /tegin API on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', look);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${how}) before starting:\n${out}`));
    });
  });
  return { pid: child.pid as number, url, output: () => out, exited, child };
}

/** Sends `signal` and waits for the exit. */
export async function stopServerProcess(
  server: RunningServer,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<string> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}

/** Resident memory of a process in bytes (Linux), or null when it is gone. */
export function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
