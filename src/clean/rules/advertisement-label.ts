import { anyOf, classRule, textRule } from './rule.js';

/** The label a page prints over an ad slot, with nothing else in the block. */
const REASON = '"Advertisement" labels and ad slots are not article text';

export const AD_LABEL =
  /^((story|article|content) continues (below|after)( (the )?(advertisement|ad))?|advertisement|advertisements|advertising|advert|sponsored( content)?|ad|ads|anzeige|publicité|publicidad|publicidade|pubblicità|reklama|реклама|iklan|advertentie|werbung|scroll to continue( with content)?|(promoted|sponsored) by [\w.&' -]{1,30})\.?$/i;
const AD_CLASS =
  /(^|[\s_-])(ad|ads|adv|advert|advertisement|adsbygoogle|ad-slot|ad-container|adunit|dfp|banner-ad|sponsored|promo)([\s_-]|$)/;

export const advertisementLabel = anyOf(
  textRule({
    id: 'advertisement-label',
    reason: REASON,
    pattern: AD_LABEL,
    maxChars: 60,
  }),
  classRule({
    id: 'advertisement-label',
    reason: REASON,
    pattern: AD_CLASS,
    maxShare: 0.1,
    maxChars: 200,
  }),
);
