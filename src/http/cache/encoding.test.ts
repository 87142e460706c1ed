import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { encode, isCompressible, negotiateEncoding } from './encoding.ts';

describe('content coding', () => {
  it('prefers br, then gzip, honouring q=0 and *', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'identity'],
      ['', 'identity'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['br; q=0.0, gzip;q=0', 'identity'],
      ['*', 'br'],
      ['*, br;q=0', 'gzip'],
      ['identity', 'identity'],
      ['GZIP;Q=0.5', 'gzip'],
      ['deflate', 'identity'],
    ];
    for (const [header, expected] of cases)
      assert.equal(negotiateEncoding(header), expected, header);
  });

  it('compresses text above the threshold only', () => {
    assert.equal(isCompressible('text/html; charset=UTF-8', 5000), true);
    assert.equal(isCompressible('application/fhir+json; charset=utf-8', 5000), true);
    assert.equal(isCompressible('application/json', 100), false);
    assert.equal(isCompressible('image/png', 50_000), false);
    assert.equal(isCompressible('application/gzip', 50_000), false);
  });

  it('decodes to the same bytes', () => {
    const body = Buffer.from('<p>Ювенильный артрит — M08.2</p>'.repeat(200));
    assert.deepEqual(gunzipSync(encode(body, 'gzip')), body);
    assert.deepEqual(brotliDecompressSync(encode(body, 'br')), body);
  });
});
