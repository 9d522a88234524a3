import { anyOf, classRule, textRule } from './rule.js';

/** "Articles by: …", "Have a tip? … may be reached at …", "Follow him on Twitter". */
const AUTHOR_TEXT =
  /^(articles by:?|more (articles|stories) by|follow (the author|him|her|them) on|view all posts by|all posts by|posts by|have a (news )?tip|got a (news )?tip|contact the (author|reporter|writer)|reach the (author|reporter|writer)s?)\b|\b(may|can) be reached at\b|\bfollow (us|him|her|them|me)\b.{0,40}(twitter|facebook|instagram|@)/i;
/**
 * "About the author: …", "Email Jane Doe at jane@…", "Write to Al Root at al@…", "Jeff Foust
 * (jeff@…) is the editor of …", "Ben Silverman is on Twitter at ben_silverman.", "LAURIE OAKES
 * IS THE NINE NETWORK POLITICAL EDITOR" — case matters for the name, so no /i.
 */
const AUTHOR_NAMED =
  /^\p{Lu}\S* \p{Lu}\S*( \p{Lu}\S*)? is on (Twitter|X|Instagram|Facebook|LinkedIn|Mastodon|Bluesky|Threads) at \S+$|^\p{Lu}+( \p{Lu}+){1,2} IS (A|AN|THE)\b[\p{Lu}\s'’-]{0,60}\b(EDITOR|WRITER|REPORTER|COLUMNIST|CORRESPONDENT|CONTRIBUTOR)S?\.?$|^[Aa]bout the ([Aa]uthor|[Ww]riter)s?(\s*:|\s*$|\s+\p{Lu})|^([Ee]-?mail|[Ww]rite to) \p{Lu}\S*( \p{Lu}\S*)+ at \S+@|^\p{Lu}\S*( \p{Lu}\S*){1,2} \(\S+@\S+\) is (a|an|the)\b.{0,60}\b(editor|writer|reporter|journalist|author|columnist|correspondent|contributor|publisher)/u;
/** An e-mail address, a social-media profile address or a handle. */
const CONTACT_ADDRESS =
  '(mailto:)?[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+|(https?://)?(www\\.)?(twitter|x|facebook|instagram|linkedin|threads)\\.(com|net)/[\\w.@/-]+|@\\w+';
/** An author's contact card: nothing but two or more such addresses. */
const CONTACT_ONLY = new RegExp(`^(${CONTACT_ADDRESS})(\\s+(${CONTACT_ADDRESS}))+$`);
const AUTHOR_CLASS =
  /(author-?bio|author-box|about-author|author-info|author-card|byline-bio|contributor-bio|bio-box)/;
const REASON = 'author boxes and "articles by" links describe the writer, not the article';

export const authorBio = anyOf(
  textRule({ id: 'author-bio', reason: REASON, pattern: AUTHOR_TEXT, maxChars: 400 }),
  textRule({ id: 'author-bio', reason: REASON, pattern: AUTHOR_NAMED, maxChars: 600 }),
  textRule({ id: 'author-bio', reason: REASON, pattern: CONTACT_ONLY, maxChars: 200 }),
  classRule({
    id: 'author-bio',
    reason: REASON,
    pattern: AUTHOR_CLASS,
    maxShare: 0.2,
    maxChars: 800,
  }),
);
