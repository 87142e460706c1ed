/** The figures of a run: latency percentiles by window, memory growth, answers by outcome. */
import type { Recorder, Sample } from './client.ts';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** p50/p99 of the answered requests that started in [from, to) ms of the run, and by kind. */
export function latency(samples: Sample[], from: number, to: number) {
  const answered = samples.filter((s) => s.outcome === 'ok' && s.at >= from && s.at < to);
  const ms = answered.map((s) => s.ms);
  const byKind: Record<string, number> = {};
  for (const kind of new Set(answered.map((s) => s.kind))) {
    byKind[kind] = round(
      percentile(
        answered.filter((s) => s.kind === kind).map((s) => s.ms),
        99,
      ),
    );
  }
  return {
    requests: ms.length,
    p50: round(percentile(ms, 50)),
    p99: round(percentile(ms, 99)),
    p99ByKind: byKind,
  };
}

export interface RssSample {
  at: number;
  bytes: number;
}

const median = (v: number[]) => percentile(v, 50);

/**
 * Growth of resident memory after warm-up: the median of the samples in the window after the
 * warm-up window against the median of those in the last window (medians: a sample taken just
 * before a collection is not growth).
 */
export function rssGrowth(samples: RssSample[], window: number, end: number) {
  const inWindow = (from: number, to: number) =>
    samples.filter((s) => s.at >= from && s.at < to).map((s) => s.bytes);
  const base = median(inWindow(window, 2 * window));
  const last = median(inWindow(end - window, end + 1));
  return {
    afterWarmUpMiB: round(base / 2 ** 20),
    lastMiB: round(last / 2 ** 20),
    maxMiB: round(Math.max(...samples.map((s) => s.bytes)) / 2 ** 20),
    growthPercent: base > 0 ? round((100 * (last - base)) / base) : 0,
  };
}

export function answers(recorder: Recorder) {
  const byKind: Record<string, number> = {};
  for (const s of recorder.samples) byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
  return {
    requests: recorder.samples.length,
    ...recorder.counts,
    retries: recorder.retries,
    replays: recorder.replays,
    byKind,
  };
}
