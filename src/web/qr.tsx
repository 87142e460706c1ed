/**
 * A QR code drawn on the server as SVG (no script, prints as it shows): the modules of
 * `qrcode-generator` in byte mode at level L — what ADR 0016 sizes the prescription's QR text
 * for (at most 2,953 characters, version 40-L) — with the standard quiet zone of four modules.
 * One path of unit squares, so a printer gets crisp edges at any size.
 */
import qrcode from 'qrcode-generator';

const QUIET = 4;

/** The dark modules of `text`'s QR code, row by row (true = dark), without the quiet zone. */
export function qrModules(text: string): boolean[][] {
  const code = qrcode(0, 'L');
  code.addData(text, 'Byte');
  code.make();
  const n = code.getModuleCount();
  return Array.from({ length: n }, (_, row) =>
    Array.from({ length: n }, (_, col) => code.isDark(row, col)),
  );
}

/** The SVG of `text`'s QR code, `label` its accessible name; sized by CSS (`svg.qr-code`). */
export function QrCode(props: { text: string; label: string }) {
  const modules = qrModules(props.text);
  const size = modules.length + 2 * QUIET;
  const path = modules
    .flatMap((row, y) =>
      row.flatMap((dark, x) => (dark ? [`M${x + QUIET} ${y + QUIET}h1v1h-1z`] : [])),
    )
    .join('');
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${size} ${size}`}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
