/**
 * One line of comma-separated values (RFC 4180 without line breaks inside a field): fields
 * may be quoted, a quote inside a quoted field is doubled. Null when a quote is left open.
 */
export function parseCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** A field written so that `parseCsvLine` reads it back: quoted when it holds a comma or a quote. */
export function csvField(value: string): string {
  return /[",]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
