/**
 * The tegin command line. Each command is a file in commands/; this file only
 * dispatches and maps failures to exit codes: 0 ok, 1 internal error,
 * 2 bad input (the message names the flag and the reason), 3 data problems.
 */
import { catalog } from './commands/catalog.ts';
import { dataCheck } from './commands/data-check.ts';
import { dbCommand } from './commands/db.ts';
import { compareCommand } from './commands/compare.ts';
import { diffCommand } from './commands/diff.ts';
import { entitlements } from './commands/entitlements.ts';
import { importCommand } from './commands/import.ts';
import { opsCommand } from './commands/ops.ts';
import { searchCommand } from './commands/search.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

const USAGE = `Usage:
  tegin data check [--json]
  tegin db load [--note TEXT] | db versions | db history <data file path>   [--json]
  tegin catalog --region <code|slug> --date YYYY-MM-DD [--lang kk|ru|en] [--json]
  tegin regions [--json]
  tegin entitlements --region <code|slug> --date YYYY-MM-DD (--age N | --birth-date YYYY-MM-DD | --iin IIN)
                     --icd10 CODE [--icd10 CODE …] [--not-registered] [--commission] [--verified]
                     [--lang kk|ru|en] [--json]
  tegin search <text> [--lang kk|ru|en] [--json]
  tegin diff --region <code|slug> --from YYYY-MM-DD --to YYYY-MM-DD [--lang kk|ru|en] [--json]
  tegin compare --regions R1,R2[,…] --date YYYY-MM-DD [--lang kk|ru|en] [--json]
  tegin orgs add --region KZ-NN --code CODE --kind polyclinic|hospital_with_commission|pharmacy
                 --name-kk TEXT --name-ru TEXT --name-en TEXT | orgs list --region KZ-NN   [--json]
  tegin users add --username NAME --name "Display name" --role ROLE [--role ROLE …] --region KZ-NN
                  [--org KZ-NN/CODE] [--json]      (prints a generated password once)
  tegin audit verify [--json]                      (exit 3 when the audit chain is broken)
  tegin import <file> [--region R] [--lang kk|ru] [--out DIR] [--compare] [--current-as-of YYYY-MM-DD] [--json]

Exit codes: 0 ok, 1 internal error, 2 bad input, 3 data problems.
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'data':
        if (rest[0] !== 'check')
          throw new UsageError(`unknown data command "${rest[0] ?? ''}": expected "data check"`);
        return dataCheck(rest.slice(1), io);
      case 'db':
        return await dbCommand(rest, io);
      case 'catalog':
        return catalog(rest, io);
      case 'entitlements':
        return entitlements(rest, io);
      case 'search':
        return searchCommand(rest, io);
      case 'diff':
        return diffCommand(rest, io);
      case 'compare':
        return compareCommand(rest, io);
      case 'import':
        return importCommand(rest, io);
      case 'orgs':
      case 'users':
      case 'audit':
        return await opsCommand(command, rest, io);
      case 'regions':
        return catalog(['--list-regions', ...rest], io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? EXIT.badInput : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`tegin: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT.badInput;
    }
    io.stderr(
      `tegin: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.internal;
  }
}

function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
  );
}
