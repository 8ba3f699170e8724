import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect } from 'vitest';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The width and height in the PNG's header. */
export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The text of every page of a PDF (pdf.js, as a reader extracts it), and the size of each page in points. */
export async function readPdf(pdf: Buffer): Promise<{ text: string; pages: Array<{ width: number; height: number }> }> {
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
  const pages: Array<{ width: number; height: number }> = [];
  let text = '';
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    pages.push({ width, height });
    text += (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('\n');
  }
  await doc.destroy();
  return { text, pages };
}
