import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Canvas from '@napi-rs/canvas';
import { loadLater } from '../load-later.ts';
import type { Measure } from './bill-layout.ts';

const require = createRequire(import.meta.url);

/** The canvas (a native package), loaded when the first bill is drawn or measured. */
export const canvasPackage = () => loadLater('@napi-rs/canvas') as typeof Canvas;

/**
 * Noto Sans SC (SIL Open Font License), regular and bold, as TrueType files shipped by the npm package
 * @expo-google-fonts/noto-sans-sc: the same files draw the PNG and are embedded (subset) in the PDFs.
 */
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
} as const;

/** The family both faces are registered under for the canvas. */
export const FAMILY = 'Noto Sans SC';

let fontBytes: { regular: Buffer; bold: Buffer } | undefined;
/** The font files, read once (10 MB each) and handed to every PDF, which embeds only the glyphs it uses. */
export function fontData(): { regular: Buffer; bold: Buffer } {
  return (fontBytes ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) });
}

let registered = false;
/** Registers both faces with the canvas (once per process). */
export function registerCanvasFonts(): void {
  if (registered) return;
  for (const file of [FONT_FILES.regular, FONT_FILES.bold]) {
    if (!canvasPackage().GlobalFonts.registerFromPath(file, FAMILY)) throw new Error(`The canvas could not load the font ${file}`);
  }
  registered = true;
}

export const cssFont = (size: number, bold: boolean) => `${bold ? 'bold' : 'normal'} ${size}px "${FAMILY}"`;

let context: Canvas.SKRSContext2D | undefined;
/** The layout's ruler: widths from the same font files the painters draw with. */
export const measureText: Measure = (text, size, bold) => {
  registerCanvasFonts();
  context ??= canvasPackage().createCanvas(1, 1).getContext('2d');
  context.font = cssFont(size, bold);
  return context.measureText(text).width;
};
