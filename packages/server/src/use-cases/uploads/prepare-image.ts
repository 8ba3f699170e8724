import { AppError, invalid } from '../../errors.ts';

/** The largest picture decoded, in pixels: a 100-megapixel photo; a header claiming more is a decompression bomb. */
export const MAX_INPUT_PIXELS = 100_000_000;
/** The stored copy's longest side, and the thumbnail's. */
export const FULL_SIZE = 1600;
export const THUMB_SIZE = 320;

export interface PreparedImage {
  full: Buffer;
  thumb: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
}

type Sniffed = 'jpeg' | 'png' | 'webp' | 'avif' | 'heic' | 'gif' | null;

const startsWith = (data: Buffer, bytes: number[], at = 0) => bytes.every((byte, i) => data[at + i] === byte);
const ascii = (data: Buffer, from: number, to: number) => data.subarray(from, to).toString('latin1');

/** The format the bytes themselves declare (their magic numbers), whatever the file was called. */
function sniff(data: Buffer): Sniffed {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 12) === 'WEBP') return 'webp';
  if (ascii(data, 0, 4) === 'GIF8') return 'gif';
  if (ascii(data, 4, 8) === 'ftyp') {
    const brand = ascii(data, 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) return 'heic';
  }
  return null;
}

const refuse = (message: string) => invalid('file', message);

/**
 * Checks that the bytes are a JPEG, PNG, WebP or AVIF picture of a sane size, and makes the two copies that
 * are kept: turned upright by its EXIF orientation, every metadata (EXIF, GPS, ICC) left out, transparency on
 * white, as JPEG. Nothing is written here; a picture that cannot be read whole is refused as a whole.
 */
export async function prepareImage(data: Buffer): Promise<PreparedImage> {
  const format = sniff(data);
  if (format === 'gif') throw refuse('is a GIF: send a photo as JPEG, PNG or WebP');
  // Sharp's prebuilt libvips reads AVIF but has no HEVC decoder for HEIC.
  if (format === 'heic') throw refuse('is a HEIC photo, which cannot be read here: send it as JPEG (the phone camera\'s "most compatible" format)');
  if (format === null) throw refuse('is not a picture: send a JPEG, PNG or WebP image');
  const input = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' } as const;
  // Loaded on first use, not at every start-up.
  const { default: sharp } = await import('sharp');
  try {
    // The header alone, without the pixel limit, so that a bomb is refused with its size rather than a generic error.
    const { width, height } = await sharp(data, { limitInputPixels: false }).metadata();
    if (!width || !height) throw refuse('has no size: it is not a readable picture');
    if (width * height > MAX_INPUT_PIXELS) throw refuse(`is ${width} × ${height} pixels, more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels`);
    const upright = sharp(data, input).rotate().flatten({ background: '#ffffff' });
    const copy = (size: number, quality: number) =>
      upright.clone().resize(size, size, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    const [full, thumb] = await Promise.all([copy(FULL_SIZE, 82), copy(THUMB_SIZE, 75)]);
    return { full: full.data, thumb: thumb.data, contentType: 'image/jpeg', width: full.info.width, height: full.info.height };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Sharp's refusals (truncated data, a broken header, past the pixel limit): the picture is damaged, not the server.
    throw refuse(`could not be read as a ${format.toUpperCase()} picture (it is damaged or incomplete)`);
  }
}
