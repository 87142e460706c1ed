/**
 * Parses one YAML data file and validates it against the schema of its kind,
 * turning every problem into a DataIssue with file, path and line.
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { DataFile } from '../domain/files.ts';
import type { DataIssue, PathSegment } from '../domain/issues.ts';

export type ParsedAs<T> =
  | { ok: true; file: T; lineOf: (path: PathSegment[]) => number | undefined }
  | { ok: false; issues: DataIssue[] };

export type Parsed = ParsedAs<DataFile>;

export function parseDataFile(path: string, text: string): Parsed {
  return parseYamlFile(DataFile, path, text);
}

/** Parses one YAML file against `schema` (a data file kind, or a reference file kind). */
export function parseYamlFile<S extends z.ZodType>(
  schema: S,
  path: string,
  text: string,
): ParsedAs<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => ({
        code: 'DATA_YAML_SYNTAX',
        file: path,
        path: [],
        line: lineCounter.linePos(error.pos[0]).line,
        message: error.message.split('\n')[0] ?? 'invalid YAML',
      })),
    };
  }
  const lineOf = (p: PathSegment[]): number | undefined => locate(doc, lineCounter, p);
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 10_000 }));
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map((issue) => {
        const issuePath = issue.path.filter(
          (s): s is PathSegment => typeof s === 'string' || typeof s === 'number',
        );
        const line = lineOf(issuePath);
        return {
          code: 'DATA_SCHEMA',
          file: path,
          path: issuePath,
          ...(line === undefined ? {} : { line }),
          message: describeZodIssue(issue),
        };
      }),
    };
  }
  return { ok: true, file: result.data, lineOf };
}

function describeZodIssue(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return issue.message;
}

/** The line of the deepest node on `path` that the document has (aliases stop the walk). */
function locate(doc: Document, lines: LineCounter, path: PathSegment[]): number | undefined {
  let best: number | undefined = doc.contents?.range
    ? lines.linePos(doc.contents.range[0]).line
    : undefined;
  for (let depth = 1; depth <= path.length; depth++) {
    const node: unknown = doc.getIn(path.slice(0, depth), true);
    if (!isNode(node) || !node.range) break;
    best = lines.linePos(node.range[0]).line;
  }
  return best;
}
