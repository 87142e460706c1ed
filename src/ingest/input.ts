/**
 * The first gate: is the input a text the importer can read at all? Refuses
 * inputs above the size limit, binary data (NUL bytes, invalid UTF-8, many
 * control characters) and empty text, each with a stable issue code.
 */
import type { ImportIssue } from './model.ts';

/** Adilet texts of a decision are tens of kilobytes; 2 MB leaves room for the largest annex. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

/** Control characters other than tab, line feed, form feed and carriage return. */
const CONTROL = /[^\P{Cc}\t\n\f\r]/u;
const CONTROLS = /[^\P{Cc}\t\n\f\r]/gu;

export type InputResult = { ok: true; text: string } | { ok: false; issue: ImportIssue };

/** Decodes bytes (or checks a string) and normalises line ends; never throws. */
export function readInput(input: Uint8Array | string, maxBytes = MAX_INPUT_BYTES): InputResult {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: count exactly only when it could matter.
  const size =
    typeof input !== 'string'
      ? input.byteLength
      : input.length * 3 <= maxBytes
        ? input.length
        : utf8Length(input);
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
  const controls = CONTROL.test(text) ? (text.match(CONTROLS) ?? []).length : 0;
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
