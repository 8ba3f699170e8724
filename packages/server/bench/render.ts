/**
 * How long painting a shared bill takes: the median of 20 renders (after one to warm up) of a 10-line sale,
 * as the share image (PNG) and as a PDF in each layout, from the public view to the finished file's bytes.
 * `--out <folder>` also writes the files there, to look at them.
 *
 *   npm run bench:render [-- --lines 10 --runs 20 --out /tmp/sheets]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SheetFormat } from '../src/render/bill-layout.ts';
import { sampleBill } from '../src/render/sample-bill.ts';
import { paintSheet } from '../src/use-cases/shares/bill-sheet.ts';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '10' }, runs: { type: 'string', default: '20' }, out: { type: 'string' } } });
const bill = sampleBill(Number(values.lines));
const link = 'http://127.0.0.1:3000/p/bills/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

const first = performance.now();
await paintSheet(bill, 'image', link);
const firstMs = performance.now() - first;
const rows: string[] = [];
for (const format of ['image', 'a4', '80', '58'] as SheetFormat[]) {
  await paintSheet(bill, format, link);
  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < Number(values.runs); run++) {
    const start = performance.now();
    const sheet = await paintSheet(bill, format, link);
    times.push(performance.now() - start);
    size = sheet.data.length;
    if (values.out && run === 0) {
      mkdirSync(values.out, { recursive: true });
      writeFileSync(`${values.out}/${format === 'image' ? 'share.png' : `${format}.pdf`}`, sheet.data);
    }
  }
  const name = format === 'image' ? 'PNG 750 px' : `PDF ${format === 'a4' ? 'A4' : `${format} mm`}`;
  rows.push(`| ${name} | ${median(times).toFixed(1)} ms | ${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)} ms | ${(size / 1024).toFixed(0)} KiB |`);
}
console.log(`${values.lines}-line bill, ${values.runs} renders each; the first render of the process (fonts loaded): ${firstMs.toFixed(0)} ms\n`);
console.log('| output | median | range | size |\n| --- | --- | --- | --- |');
console.log(rows.join('\n'));
