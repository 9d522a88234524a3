// Cleaning: strip what a reader would never call the article from the extracted element.
// The generic rules (src/clean/rules/index.ts) run in order, then the site profile's `remove`
// selectors; every element a rule drops is logged as a Removal for --debug. Class attributes,
// which the rules use as hints, are stripped at the end.
import { CLASS_HINT } from '../extract/extract.js';
import type { CleanedArticle, ExtractedArticle, Removal, SiteProfile } from '../types.js';
import { RULES } from './rules/index.js';
import {
  type CleaningRule,
  type RuleContext,
  type TreeChanges,
  textOf,
  verbatimElements,
  withKnownText,
} from './rules/rule.js';

/** How much of a removed element's text the debug log shows. */
const SNIPPET_CHARS = 80;
const SITE_PROFILE_RULE = 'site-profile';
const OVER_CLEANING_GUARD = 'over-cleaning-guard';
/** Below this share of the article's text left after the rules, the rules are undone. */
const MIN_KEPT_SHARE = 0.2;

/** What the rules read of an extracted article: its element and its title. */
export type ArticleToClean = Pick<ExtractedArticle, 'root' | 'title'>;

export interface CleanOptions {
  readonly profile?: SiteProfile;
  /** Rule ids switched off (from --debug investigations or the user's config). */
  readonly disabled?: ReadonlySet<string>;
}

export function cleanArticle(article: ArticleToClean, options: CleanOptions = {}): CleanedArticle {
  const { root } = article;
  const removals: Removal[] = [];
  const context: RuleContext = {
    root,
    title: article.title,
    articleLength: textOf(root).length,
    verbatim: verbatimElements(root),
  };

  // Kept to fall back on: rules that strip nearly everything met a page they misread.
  const original = root.cloneNode(true) as Element;
  withKnownText((changes) => {
    for (const rule of RULES) {
      if (options.disabled?.has(rule.id)) continue;
      applyRule(rule, context, removals, changes);
    }
  });
  if (textOf(root).length < context.articleLength * MIN_KEPT_SHARE) {
    return keepOriginal(root, original, context, removals);
  }
  for (const selector of options.profile?.remove ?? []) {
    for (const element of root.querySelectorAll(selector)) {
      if (!root.contains(element)) continue;
      removals.push(removal(SITE_PROFILE_RULE, `site profile selector ${selector}`, element));
      element.remove();
    }
  }
  stripHints(root);
  return { root, removals };
}

/**
 * The rules removed nearly all of the article, so they misread the page: keep Readability's
 * result with only the transforms applied, and log why.
 */
function keepOriginal(
  root: Element,
  original: Element,
  context: RuleContext,
  removals: readonly Removal[],
): CleanedArticle {
  root.replaceChildren(...original.childNodes);
  const kept: Removal[] = [
    {
      ruleId: OVER_CLEANING_GUARD,
      reason: `the rules removed over ${Math.round((1 - MIN_KEPT_SHARE) * 100)}% of the text; their ${removals.length} removals were undone`,
      snippet: '',
    },
  ];
  const restored: RuleContext = { ...context, verbatim: verbatimElements(root) };
  withKnownText((changes) => {
    for (const rule of RULES)
      if (rule.kind === 'transform') applyRule(rule, restored, kept, changes);
  });
  stripHints(root);
  return { root, removals: kept };
}

function applyRule(
  rule: CleaningRule,
  context: RuleContext,
  removals: Removal[],
  changes: TreeChanges,
): void {
  const { root } = context;
  if (rule.kind === 'transform') {
    changes.rewrite(() =>
      rule.apply(root, context, (what) => removals.push(removal(rule.id, rule.reason, what))),
    );
    return;
  }
  // A list of element names is answered by one walk of the tree, in document order (src/parse).
  for (const element of root.querySelectorAll(rule.candidates.join(', '))) {
    // An earlier match may have taken this element's ancestor with it.
    if (context.verbatim.has(element) || !root.contains(element)) continue;
    if (!rule.filter(element, context)) continue;
    const companions = rule.companions?.(element) ?? [];
    for (const gone of [element, ...companions]) {
      removals.push(removal(rule.id, rule.reason, gone));
      changes.remove(gone);
    }
  }
}

/** Class attributes and our hints were for the rules only. */
function stripHints(root: Element): void {
  for (const element of [root, ...root.querySelectorAll(`[class], [${CLASS_HINT}]`)]) {
    element.removeAttribute('class');
    element.removeAttribute(CLASS_HINT);
  }
}

function removal(ruleId: string, reason: string, what: Element | string): Removal {
  const text = typeof what === 'string' ? what : textOf(what) || `<${what.localName}>`;
  return { ruleId, reason, snippet: text.slice(0, SNIPPET_CHARS) };
}
