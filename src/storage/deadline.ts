/**
 * A latency budget for a database answer: `work`, or StorageUnavailableError once `ms` have
 * passed. Requests that need the database answer 503 within the budget instead of hanging on a
 * database that accepts connections but does not answer; the query itself ends later, at the
 * pool's statement timeout.
 */
import { StorageUnavailableError } from './errors.ts';

export function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageUnavailableError(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined); // when the deadline wins, a later failure is nobody's business
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
