import { anyOf, classRule, textRule } from './rule.js';

/** Share buttons, share counters and "please share" prompts. */
const SHARE_TEXT =
  /^((note to readers:?\s*)?please (click|use) the share buttons|(like|enjoy(ed)?|love) this (story|article|post)\?.{0,40}\bshare\b|share (it|this) with (a|your) friends?|follow (us|@\w+) (on )?(twitter|facebook|instagram|linkedin)\b.{0,200}|(follow|subscribe to) [^.]{1,40} on (instagram|facebook|twitter|youtube|linkedin|tiktok)\b.{0,200}|share (this|on|via|the|article|story|post)\b|share:?$|shares?$|\d[\d.,]*k?\s*shares?$|(tweet|email|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram|copy link|share)(\s*(\||·|,)?\s*(tweet|email|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram|copy link|share|messenger|flipboard|comment|save))+$)/i;
const SHARE_CLASS =
  /(^|[\s_-])(share|sharing|shares|social|sociallinks|addthis|sharethis|sharedaddy)([\s_-]|$)/;

export const sharePrompt = anyOf(
  textRule({
    id: 'share-prompt',
    reason: 'share buttons, share counters and "please share" prompts are page chrome',
    pattern: SHARE_TEXT,
    maxChars: 300,
  }),
  classRule({
    id: 'share-prompt',
    reason: 'share buttons, share counters and "please share" prompts are page chrome',
    pattern: SHARE_CLASS,
    maxShare: 0.25,
    maxChars: 400,
  }),
);
