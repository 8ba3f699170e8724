import type { Box, SheetFormat, SheetLayout, Tone } from './bill-layout.ts';
import { canvasPackage, cssFont, fontData, registerCanvasFonts } from './fonts.ts';
import { qrRuns } from './qr.ts';

const COLORS: Record<Tone, string> = { text: '#1f2329', muted: '#646a73', alert: '#d0021b' };
/** Rules: light on screen and A4, darker dashes on receipts, which thermal printers would otherwise drop. */
const RULE = { solid: '#c9cdd4', dashed: '#8f959e' };
/** White around a QR code, in modules (the standard asks for 4; 2 reads fine on a white page). */
const QUIET = 2;

/** The share image: the layout's one page at `scale` pixels per point (2: a 375 pt layout becomes 750 px). */
export async function paintPng(layout: SheetLayout, scale = 2): Promise<Buffer> {
  registerCanvasFonts();
  const page = layout.pages[0]!;
  const canvas = canvasPackage().createCanvas(Math.round(layout.width * scale), Math.round(page.height * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.textBaseline = 'alphabetic';
  for (const box of page.boxes) {
    if (box.kind === 'text') {
      ctx.font = cssFont(box.size, box.bold);
      ctx.fillStyle = COLORS[box.tone];
      ctx.fillText(box.text, box.x, box.y);
    } else if (box.kind === 'rule') {
      ctx.strokeStyle = box.dashed ? RULE.dashed : RULE.solid;
      ctx.lineWidth = 0.75;
      ctx.setLineDash(box.dashed ? [3, 2] : []);
      ctx.beginPath();
      ctx.moveTo(box.x, box.y);
      ctx.lineTo(box.x + box.width, box.y);
      ctx.stroke();
    } else {
      ctx.fillStyle = '#000000';
      forEachQrRect(box, (x, y, width, height) => ctx.fillRect(x, y, width, height));
    }
  }
  return canvas.encode('png');
}

/** The dark rectangles of a QR box, in points, inside its quiet zone. */
function forEachQrRect(box: Extract<Box, { kind: 'qr' }>, draw: (x: number, y: number, width: number, height: number) => void): void {
  const { modules, runs } = qrRuns(box.link);
  const unit = box.size / (modules + 2 * QUIET);
  for (const run of runs) draw(box.x + (run.column + QUIET) * unit, box.y + (run.row + QUIET) * unit, run.length * unit, unit);
}

/**
 * A PDF of every page of the layout, the fonts embedded as subsets. Dated `date` (the bill's date, not the
 * moment of painting), so the same bill gives the same bytes every time. `compress: false` leaves the streams readable.
 */
export async function paintPdf(layout: SheetLayout, { title, date, compress = true }: { title: string; date: Date; compress?: boolean }): Promise<Buffer> {
  // Loaded on first use: at start-up it cost a fifth of a second.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ autoFirstPage: false, compress, info: { Title: title, Creator: 'Xiaocang 小仓', CreationDate: date } });
  const fonts = fontData();
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const page of layout.pages) {
    doc.addPage({ size: [layout.width, page.height], margin: 0 });
    for (const box of page.boxes) {
      if (box.kind === 'text') {
        doc
          .font(box.bold ? 'bold' : 'regular')
          .fontSize(box.size)
          .fillColor(COLORS[box.tone])
          .text(box.text, box.x, box.y, { baseline: 'alphabetic', lineBreak: false });
      } else if (box.kind === 'rule') {
        doc.save().lineWidth(0.75).strokeColor(box.dashed ? RULE.dashed : RULE.solid);
        if (box.dashed) doc.dash(3, { space: 2 });
        doc.moveTo(box.x, box.y).lineTo(box.x + box.width, box.y).stroke().undash().restore();
      } else {
        doc.save().fillColor('#000000');
        forEachQrRect(box, (x, y, width, height) => doc.rect(x, y, width, height));
        doc.fill().restore();
      }
    }
  }
  doc.end();
  return done;
}

/** A painted sheet: the file's contents and `name` to call it by (a bill or order number). */
export interface Sheet {
  name: string;
  contentType: 'image/png' | 'application/pdf';
  data: Buffer;
}

/** A laid-out sheet as a file: the share image as a PNG, every other format as a PDF with `title` and `date`. */
export async function paintSheetFile(layout: SheetLayout, format: SheetFormat, file: { name: string; title: string; date: Date }): Promise<Sheet> {
  if (format === 'image') return { name: file.name, contentType: 'image/png', data: await paintPng(layout) };
  return { name: file.name, contentType: 'application/pdf', data: await paintPdf(layout, { title: file.title, date: file.date }) };
}
