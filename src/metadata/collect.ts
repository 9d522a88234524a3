// Step 5 of the pipeline: every metadata candidate the untouched page offers, before
// Readability mutates the document. Nothing is chosen here; resolve.ts ranks the candidates.
import type { MetadataCandidate, MetadataField, ParsedPage, SiteProfile } from '../types.js';
import { dateInUrl } from './normalize.js';
import { elementsTagged } from './page-view.js';
import {
  jsonLdCandidates,
  linkCandidates,
  metaCandidates,
  microdataCandidates,
} from './structured.js';
import {
  breadcrumbCandidates,
  bylineCandidates,
  DEFAULT_LABELS,
  documentCandidates,
  labelCandidates,
  originalSourceCandidates,
  selectorCandidates,
  visibleDateCandidates,
} from './visible.js';

export const SITE_PROFILE_SOURCE = 'site-profile';
/** What separates the words of an attribute such as rel (CSS's `~=`). */
const CSS_WHITESPACE = /[ \t\n\r\f]+/;

export function collectMetadata(
  page: ParsedPage,
  profile: SiteProfile | undefined,
): MetadataCandidate[] {
  const { document } = page;
  const labels = { ...DEFAULT_LABELS, ...profile?.labels };
  return [
    ...profileCandidates(document, profile),
    ...jsonLdCandidates(document),
    ...metaCandidates(document),
    ...microdataCandidates(document),
    ...linkCandidates(document),
    ...documentCandidates(document),
    ...bylineCandidates(document),
    ...visibleDateCandidates(document),
    ...labelCandidates(document, labels),
    ...breadcrumbCandidates(document),
    ...originalSourceCandidates(document),
    ...urlDateCandidates(page.url, document),
  ];
}

function profileCandidates(
  document: Document,
  profile: SiteProfile | undefined,
): MetadataCandidate[] {
  if (profile === undefined) return [];
  const selectors: Partial<Record<MetadataField, string>> = {
    ...(profile.title !== undefined && { title: profile.title }),
    ...(profile.author !== undefined && { author: profile.author }),
    ...(profile.date !== undefined && { date: profile.date }),
    ...(profile.region !== undefined && { region: profile.region }),
    ...(profile.theme !== undefined && { theme: profile.theme }),
    ...(profile.tags !== undefined && { tags: profile.tags }),
  };
  const candidates = selectorCandidates(document, selectors, SITE_PROFILE_SOURCE);
  if (profile.name !== undefined)
    candidates.push({ field: 'site', value: profile.name, source: SITE_PROFILE_SOURCE });
  return candidates;
}

/** A date in the page URL or its canonical URL (/2018/11/20/). */
function urlDateCandidates(pageUrl: string | undefined, document: Document): MetadataCandidate[] {
  const canonical =
    elementsTagged(document, 'link')
      .find((link) =>
        (link.getAttribute('rel') ?? '').toLowerCase().split(CSS_WHITESPACE).includes('canonical'),
      )
      ?.getAttribute('href') ?? undefined;
  for (const url of [pageUrl, canonical]) {
    const date = url === undefined ? undefined : dateInUrl(url);
    if (date !== undefined) return [{ field: 'date', value: date, source: 'url-date' }];
  }
  return [];
}
