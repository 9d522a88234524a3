import type { RemovalRule } from './rule.js';

/** Largest declared side, in pixels, of an image that shows nothing. */
const SPACER_MAX_PX = 2;

/**
 * Spacer GIFs of table layouts and tracking pixels: images the page itself declares one or two
 * pixels wide and high. They show nothing, but in Markdown each becomes a link to an image.
 */
export const spacerImage: RemovalRule = {
  kind: 'remove',
  id: 'spacer-image',
  reason: 'images declared one or two pixels in size are spacers and tracking pixels',
  candidates: ['img'],
  filter: (element) =>
    isTiny(element.getAttribute('width')) && isTiny(element.getAttribute('height')),
};

function isTiny(size: string | null): boolean {
  if (size === null || !/^\s*\d+(\.\d+)?\s*(px)?\s*$/i.test(size)) return false;
  return Number.parseFloat(size) <= SPACER_MAX_PX;
}
