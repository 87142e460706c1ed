/**
 * The QR code a printed prescription carries: decoded back (jsQR, an independent reader) it
 * gives exactly the signed text, at a typical length and at ADR 0016's limit; the SVG draws one
 * square per dark module inside the quiet zone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jsqr from 'jsqr';
import { QrCode, qrModules } from './qr.tsx';

// jsqr is CommonJS with an ES default in its types: the function is the module or its `default`.
type Decode = typeof jsqr.default;
const jsQR: Decode =
  (jsqr as unknown as { default?: Decode }).default ?? (jsqr as unknown as Decode);

/** The modules as an RGBA image, `scale` px a module, with a four-module white border. */
function image(modules: boolean[][], scale: number) {
  const size = (modules.length + 8) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + 4) * scale + dy) * size + (x + 4) * scale + dx) * 4;
          data.fill(0, at, at + 3);
        }
    }),
  );
  return { data, size };
}

const signed = (length: number) =>
  `TGRX1.${'eyJ2IjoxLCJuIjoiS1otMjctMjAyNi0wMDA3MzEifQ'.repeat(Math.ceil(length / 42))}`.slice(
    0,
    length,
  );

describe('the prescription QR code', () => {
  for (const length of [600, 2953]) {
    it(`decodes to the signed text (${length} characters)`, () => {
      const text = signed(length);
      const { data, size } = image(qrModules(text), length > 1000 ? 2 : 4);
      const read = jsQR(data, size, size);
      assert.ok(read, 'a QR code is found');
      assert.equal(read.data, text);
    });
  }

  it('draws one unit square per dark module, offset by the quiet zone', () => {
    const text = signed(120);
    const modules = qrModules(text);
    const svg = String(QrCode({ text, label: 'QR' }));
    const dark = modules.flat().filter(Boolean).length;
    assert.equal(svg.match(/h1v1h-1z/g)?.length, dark);
    assert.match(svg, new RegExp(`viewBox="0 0 ${modules.length + 8} ${modules.length + 8}"`));
    assert.match(svg, /role="img" aria-label="QR"/);
    const y = modules.findIndex((row) => row.includes(true));
    const x = modules[y]?.indexOf(true) ?? -1;
    assert.ok(svg.includes(`M${x + 4} ${y + 4}h1v1h-1z`), 'the first dark module, offset by 4');
  });
});
