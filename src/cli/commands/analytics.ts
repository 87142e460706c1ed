/**
 * `tegin analytics need|impact|gaps|whatif`: the analyses of a region's register and ledger
 * (docs/adr/0018-analytics.md, 0019-need-and-budget.md), each loaded only when asked for.
 */
import { UsageError, type CliIo } from '../io.ts';

export async function analyticsCommand(args: string[], io: CliIo): Promise<number> {
  switch (args[0]) {
    case 'need':
      return (await import('./analytics-need.ts')).needCommand(args, io);
    case 'impact':
    case 'gaps':
      return (await import('./analytics-register.ts')).registerAnalyticsCommand(args, io);
    case 'whatif':
      return (await import('./whatif.ts')).whatIfCommand(args.slice(1), io);
    default:
      throw new UsageError(
        `unknown analytics command "${args[0] ?? ''}": expected need, impact, gaps or whatif`,
      );
  }
}
