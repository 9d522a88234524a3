import { anyOf, classRule, textRule } from './rule.js';

/** "Comment on …", "Leave a comment", "12 comments", "Join the conversation". */
const COMMENT_TEXT =
  /^(comment on .{0,80}|leave a (comment|reply)|post (a )?comment(\s*\(\+\))?|add a comment|\d+\s+comments?|comments?(\s*\(\d+( posted)?\))?|view comments|show comments|join the (conversation|discussion)|what do you think\??|be the first to comment|comments are closed\.?|have your say|tell us what you think|(as always, )?let us know what you think( (on|in) (our|the) (forums?|comments?( section)?))?|join (our|the) .{0,40}(forums?|community|discussion|conversation)\b.{0,200}|report (an )?(error|typo|correction))[.…!]*$/i;
/** A note on how comments are moderated, in the languages of the corpus. */
const MODERATION_NOTE =
  /\b(comments?|comentários|comentarios|commentaires|kommentare|commenti)\b.{0,200}\bmodera|\bmodera\w*\b.{0,40}\bcomments\b/i;
/** "Отзывы Добавить отзыв", "Deixe um comentário": the same prompts in the corpus's other languages. */
const COMMENT_LABEL_I18N =
  '(комментарии|отзывы|comentários|comentarios|commentaires|kommentare|commenti)(\\s*\\(\\d+\\))?';
const COMMENT_PROMPT_I18N =
  '(добавить (отзыв|комментарий)|оставить (отзыв|комментарий)|deixe (um|seu) comentário|deja (un|tu) comentario|laisser un commentaire|kommentar schreiben|lascia un commento)';
const COMMENT_TEXT_I18N = new RegExp(
  `^(${COMMENT_LABEL_I18N}|(${COMMENT_LABEL_I18N}\\s*)?${COMMENT_PROMPT_I18N})[.…!:]*$`,
  'iu',
);
const COMMENT_CLASS = /(^|[\s_-])(comments?|comment-list|disqus|respond|discussion)([\s_-]|$)/;

const REASON = 'comment prompts and comment sections are reader talk, not the article';

export const commentPrompt = anyOf(
  textRule({
    id: 'comment-prompt',
    reason: REASON,
    pattern: COMMENT_TEXT,
    maxChars: 300,
  }),
  textRule({
    id: 'comment-prompt',
    reason: REASON,
    pattern: COMMENT_TEXT_I18N,
    maxChars: 100,
  }),
  textRule({
    id: 'comment-prompt',
    reason: REASON,
    pattern: MODERATION_NOTE,
    maxChars: 300,
  }),
  classRule({
    id: 'comment-prompt',
    reason: REASON,
    pattern: COMMENT_CLASS,
    maxShare: 0.3,
    maxChars: 2000,
  }),
);
