import { create } from "qrcode";

/**
 * A QR code as inline SVG, drawn on the server from the `qrcode` package's module matrix (no image request, no
 * client JavaScript, crisp at any size). One path: a unit square per dark module, runs on a row merged.
 */
export function TicketQr({ value, label, className = "size-56" }: { value: string; label: string; className?: string }) {
  const { modules } = create(value, { errorCorrectionLevel: "M" });
  const quiet = 4; // the quiet zone the QR spec asks for, in modules
  const size = modules.size + quiet * 2;
  let path = "";
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      path += `M${start + quiet} ${row + quiet}h${col - start}v1h${start - col}z`;
    }
  }
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} className={className} shapeRendering="crispEdges" data-testid="ticket-qr" data-value={value}>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#0f172a" />
    </svg>
  );
}
