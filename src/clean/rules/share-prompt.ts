import { anyOf, classRule, textRule } from './rule.js';

/** Share buttons, share counters and "please share" prompts. */
const SHARE_TEXT =
  /^((note to readers:?\s*)?please (click|use) the share buttons|(like|enjoy(ed)?|love) this (story|article|post)\?.{0,40}\bshare\b|share (it|this) with (a|your) friends?|follow (us|@\w+) (on )?(twitter|facebook|instagram|linkedin)\b.{0,200}|share (this|on|via|the|article|story|post)\b|share:?$|shares?$|\d[\d.,]*k?\s*shares?$|(tweet|email|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram|copy link|share)(\s*(\||·|,)?\s*(tweet|email|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram|copy link|share|messenger|flipboard|comment|save|submit|pin it))+$)/i;
const NETWORK = '(Instagram|Facebook|Twitter|YouTube|LinkedIn|TikTok)';
/** "Follow Newsbeat on Instagram…", "Subscribe to 9to5Mac on YouTube…", "Follow Backchannel: Twitter | Facebook": a name, so case matters. */
const FOLLOW_NAME_ON = new RegExp(
  `^([Ff]ollow|[Ss]ubscribe to) [\\p{Lu}\\d@][\\w.@]*( [\\p{Lu}\\d][\\w.]*){0,3}( on ${NETWORK}\\b|\\s*:\\s*${NETWORK}(\\s*[|,·]\\s*${NETWORK})*$)`,
  'u',
);
/** "分享到：", "转播到腾讯微博": Chinese share bars, with the network they name. */
const SHARE_TEXT_ZH =
  /^(分享|转播|轉播|转发|轉發)(到|至)\s*[:：]?\s*(腾讯|騰訊|新浪)?(微博|微信|朋友圈|QQ空间|QQ空間|QQ好友|豆瓣|人人网|Facebook|Twitter)?[\s,，、|]*$/u;
const SHARE_CLASS =
  /(^|[\s_-])(share|sharing|shares|social|sociallinks|addthis|sharethis|sharedaddy)([\s_-]|$)/;

const REASON = 'share buttons, share counters and "please share" prompts are page chrome';

export const sharePrompt = anyOf(
  textRule({
    id: 'share-prompt',
    reason: REASON,
    pattern: SHARE_TEXT,
    maxChars: 300,
  }),
  textRule({
    id: 'share-prompt',
    reason: REASON,
    pattern: FOLLOW_NAME_ON,
    maxChars: 200,
  }),
  textRule({
    id: 'share-prompt',
    reason: REASON,
    pattern: SHARE_TEXT_ZH,
    maxChars: 40,
    // The label itself, not the box: pages put the lead picture in the same box as the label.
    candidates: ['span', 'a', 'p', 'li', 'strong', 'b'],
  }),
  classRule({
    id: 'share-prompt',
    reason: REASON,
    pattern: SHARE_CLASS,
    maxShare: 0.25,
    maxChars: 400,
  }),
);
