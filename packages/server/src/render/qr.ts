import type QRCode from 'qrcode';
import { loadLater } from '../load-later.ts';

/** The dark modules of a QR code for `link` (error correction M), as a square grid of booleans. */
export function qrModules(link: string): boolean[][] {
  const { modules } = (loadLater('qrcode') as typeof QRCode).create(link, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, column) => Boolean(modules.get(row, column))));
}

/** Runs of dark modules in each row, so a painter draws one rectangle per run instead of one per module. */
export function qrRuns(link: string): { modules: number; runs: Array<{ row: number; column: number; length: number }> } {
  const grid = qrModules(link);
  const runs: Array<{ row: number; column: number; length: number }> = [];
  grid.forEach((cells, row) => {
    for (let column = 0; column < cells.length; column++) {
      if (!cells[column]) continue;
      let end = column;
      while (end + 1 < cells.length && cells[end + 1]) end++;
      runs.push({ row, column, length: end - column + 1 });
      column = end;
    }
  });
  return { modules: grid.length, runs };
}
