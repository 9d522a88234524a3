// Just enough PNG decoding to tell a blank screenshot from a real one: 8-bit RGB(A) images,
// as Chromium writes them.
import { inflateSync } from 'node:zlib';

const SIGNATURE_LENGTH = 8;
const CHANNELS_BY_COLOUR_TYPE: Record<number, number> = { 2: 3, 6: 4 };

export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Uint8Array;
}

export function decodePng(png: Buffer): Pixels {
  let offset = SIGNATURE_LENGTH;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8) throw new Error('only 8-bit PNGs are supported');
      channels = CHANNELS_BY_COLOUR_TYPE[body[9] ?? -1] ?? 0;
      if (channels === 0) throw new Error(`unsupported PNG colour type ${body[9]}`);
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (data[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (data[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (data[(y - 1) * stride + x - channels] ?? 0) : 0;
      data[y * stride + x] = (value + predictor(filter ?? 0, left, up, upLeft)) & 0xff;
    }
  }
  return { width, height, channels, data };
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      const estimate = left + up - upLeft;
      const toLeft = Math.abs(estimate - left);
      const toUp = Math.abs(estimate - up);
      const toUpLeft = Math.abs(estimate - upLeft);
      if (toLeft <= toUp && toLeft <= toUpLeft) return left;
      return toUp <= toUpLeft ? up : upLeft;
    }
    default:
      throw new Error(`unknown PNG filter ${filter}`);
  }
}

/** Variance of the pixels' luminance (0 for a single-colour image). */
export function luminanceVariance(pixels: Pixels): number {
  let sum = 0;
  let squares = 0;
  const count = pixels.width * pixels.height;
  for (let i = 0; i < count; i++) {
    const at = i * pixels.channels;
    const luminance =
      0.299 * (pixels.data[at] ?? 0) +
      0.587 * (pixels.data[at + 1] ?? 0) +
      0.114 * (pixels.data[at + 2] ?? 0);
    sum += luminance;
    squares += luminance * luminance;
  }
  const mean = sum / count;
  return squares / count - mean * mean;
}

/** Number of distinct RGB colours, up to `limit`. */
export function distinctColours(pixels: Pixels, limit = 1000): number {
  const seen = new Set<number>();
  for (let at = 0; at < pixels.data.length && seen.size < limit; at += pixels.channels) {
    seen.add(
      ((pixels.data[at] ?? 0) << 16) |
        ((pixels.data[at + 1] ?? 0) << 8) |
        (pixels.data[at + 2] ?? 0),
    );
  }
  return seen.size;
}
