/**
 * `POST /api/v1/entitlements` throughput with autocannon on loopback, against a
 * bare node:http server returning a same-size JSON, both in child processes of
 * this run; then p50/p99 latency of each at half its measured maximum.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BENCH_REQUEST = JSON.stringify({
  region: 'KZ-27',
  date: '2026-11-24',
  age: 8,
  diagnoses: [{ code: 'G80.1' }, { code: 'M08.2' }],
});

export async function startServer(args: string[]): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/http-server.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { port, child };
}

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(
  port: number,
  options: { connections: number; duration: number; overallRate?: number },
): Promise<Run> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/v1/entitlements`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BENCH_REQUEST,
    connections: options.connections,
    duration: options.duration,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export async function benchHttp(
  line: (name: string, value: number, unit: string, ratio: number, baseline: string) => void,
): Promise<void> {
  const tegin = await startServer(['tegin']);
  try {
    const sample = await fetch(`http://127.0.0.1:${tegin.port}/api/v1/entitlements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BENCH_REQUEST,
    });
    const body = await sample.text();
    if (sample.status !== 200)
      throw new Error(`benchmark request failed: ${sample.status} ${body}`);
    const bare = await startServer(['bare', body]);
    try {
      // Alternate the two servers in short rounds and take medians: other work on this
      // 2-core machine then weighs on both alike.
      const duration = Number(process.env.TEGIN_BENCH_HTTP_SECONDS ?? 3);
      const rounds = Number(process.env.TEGIN_BENCH_HTTP_ROUNDS ?? 3);
      await load(tegin.port, { connections: 10, duration: 1 }); // warm up
      await load(bare.port, { connections: 10, duration: 1 });
      const pairs: { tegin: Run; bare: Run }[] = [];
      for (let r = 0; r < rounds; r++) {
        const teginRun = await load(tegin.port, { connections: 50, duration });
        const bareRun = await load(bare.port, { connections: 50, duration });
        pairs.push({ tegin: teginRun, bare: bareRun });
      }
      const median = (xs: number[]) =>
        [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
      const teginMax = {
        requestsPerSecond: median(pairs.map((p) => p.tegin.requestsPerSecond)),
        errors: pairs.reduce((n, p) => n + p.tegin.errors, 0),
      };
      const bareMax = {
        requestsPerSecond: median(pairs.map((p) => p.bare.requestsPerSecond)),
        errors: pairs.reduce((n, p) => n + p.bare.errors, 0),
      };
      const throughputRatio = median(
        pairs.map((p) => p.tegin.requestsPerSecond / p.bare.requestsPerSecond),
      );
      const teginHalf = await load(tegin.port, {
        connections: 10,
        duration,
        overallRate: Math.round(teginMax.requestsPerSecond / 2),
      });
      const bareHalf = await load(bare.port, {
        connections: 10,
        duration,
        overallRate: Math.round(bareMax.requestsPerSecond / 2),
      });
      line(
        'http.entitlements',
        teginMax.requestsPerSecond,
        'req/s',
        throughputRatio,
        'bare-node-http',
      );
      line('http.bare', bareMax.requestsPerSecond, 'req/s', 1, 'bare-node-http');
      line(
        'http.entitlements.p50@half',
        teginHalf.p50,
        'ms',
        teginHalf.p50 / Math.max(bareHalf.p50, 0.001),
        'bare-node-http.p50@half',
      );
      line(
        'http.entitlements.p99@half',
        teginHalf.p99,
        'ms',
        teginHalf.p99 / Math.max(bareHalf.p99, 0.001),
        'bare-node-http.p99@half',
      );
      console.log(
        `CHECK http response ${Buffer.byteLength(body)} bytes; errors tegin=${teginMax.errors + teginHalf.errors} bare=${bareMax.errors + bareHalf.errors}`,
      );
    } finally {
      bare.child.kill();
    }
  } finally {
    tegin.child.kill();
  }
}
