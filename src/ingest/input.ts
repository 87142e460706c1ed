/**
 * The first gate: is the input a text the importer can read at all? Refuses
 * inputs above the size limit, binary data (NUL bytes, invalid UTF-8, many
 * control characters) and empty text, each with a stable issue code.
 */
import type { ImportIssue } from './model.ts';

/** Adilet texts of a decision are tens of kilobytes; 2 MB leaves room for the largest annex. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

export type InputResult = { ok: true; text: string } | { ok: false; issue: ImportIssue };

/** Decodes bytes (or checks a string) and normalises line ends; never throws. */
export function readInput(input: Uint8Array | string, maxBytes = MAX_INPUT_BYTES): InputResult {
  const size = typeof input === 'string' ? utf8Length(input) : input.byteLength;
  if (size > maxBytes) {
    return refuse(
      'PARSE_INPUT_TOO_LARGE',
      `the input is ${size} bytes; the import limit is ${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MB)`,
    );
  }
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return refuse('PARSE_INPUT_BINARY', 'the input is not valid UTF-8 text');
    }
  }
  if (text.includes('\u0000')) return refuse('PARSE_INPUT_BINARY', 'the input holds NUL bytes');
  if (text.includes('\uFFFD'))
    return refuse('PARSE_INPUT_BINARY', 'the input holds replacement characters (U+FFFD)');
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f)
      controls++;
  }
  if (controls > 0 && controls * 100 > text.length) {
    return refuse('PARSE_INPUT_BINARY', `the input holds ${controls} control characters`);
  }
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (normalised.trim() === '') return refuse('PARSE_INPUT_EMPTY', 'the input holds no text');
  return { ok: true, text: normalised };
}

function refuse(code: ImportIssue['code'], message: string): InputResult {
  return { ok: false, issue: { code, severity: 'error', message } };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
