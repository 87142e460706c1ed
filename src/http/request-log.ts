/**
 * One log line per request, timed to the last byte: under the node server the
 * line is written when the response has been handed to the socket ('finish')
 * or the client went away ('close'), so a large answer is not reported at the
 * moment its handler returned. In-process requests (`app.request()`) have no
 * socket and are logged when the handler returns.
 */
import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { Env } from './context.ts';

/**
 * The path as logged: any run of 12 digits (the shape of an IIN, which must never reach a log)
 * is replaced, whatever route it was sent to.
 */
export function loggedPath(path: string): string {
  return path.replace(/\d{12,}/g, (digits) => `[${digits.length} digits]`);
}

export function requestLog(logger: Logger): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const line = (finished: boolean) =>
      logger.info(
        {
          requestId: c.get('requestId'),
          method: c.req.method,
          path: loggedPath(c.req.path),
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          ...(finished ? {} : { aborted: true }),
        },
        'request',
      );
    const outgoing = outgoingOf(c.env);
    if (!outgoing) return line(true);
    let logged = false;
    const once = (finished: boolean) => () => {
      if (logged) return;
      logged = true;
      line(finished);
    };
    outgoing.once('finish', once(true));
    outgoing.once('close', once(false));
  };
}

/** The node server's response object, which @hono/node-server passes as `env.outgoing`. */
function outgoingOf(env: unknown): ServerResponse | undefined {
  if (typeof env !== 'object' || env === null || !('outgoing' in env)) return undefined;
  const outgoing = (env as { outgoing: unknown }).outgoing;
  return typeof outgoing === 'object' && outgoing !== null && 'once' in outgoing
    ? (outgoing as ServerResponse)
    : undefined;
}
