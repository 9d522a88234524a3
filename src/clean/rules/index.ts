// Every generic cleaning rule, in the order cleanArticle applies them. Unsafe content goes
// first so no rule ever looks inside a script; the paragraph join runs after the ad labels are
// gone; empty blocks and URLs are tidied last.
import { absoluteUrls } from './absolute-urls.js';
import { advertisementLabel } from './advertisement-label.js';
import { affiliateDisclosure } from './affiliate-disclosure.js';
import { authorBio } from './author-bio.js';
import { commentPrompt } from './comment-prompt.js';
import { companyBoilerplate } from './company-boilerplate.js';
import { cookieNotice } from './cookie-notice.js';
import { copyrightFooter } from './copyright-footer.js';
import { dateline } from './dateline.js';
import { disclaimer } from './disclaimer.js';
import { editLink } from './edit-link.js';
import { emptyBlocks } from './empty-blocks.js';
import { fairUse } from './fair-use.js';
import { hiddenText } from './hidden-text.js';
import { imageCaption } from './image-caption.js';
import { imageCredit } from './image-credit.js';
import { inlineTeaser } from './inline-teaser.js';
import { mediaInquiries } from './media-inquiries.js';
import { membershipAppeal } from './membership-appeal.js';
import { navigation } from './navigation.js';
import { newsletterAppeal } from './newsletter-appeal.js';
import { originalSourceLine } from './original-source-line.js';
import { relatedLinks } from './related-links.js';
import { reportingCredit } from './reporting-credit.js';
import type { CleaningRule } from './rule.js';
import { separator } from './separator.js';
import { sharePrompt } from './share-prompt.js';
import { spacerImage } from './spacer-image.js';
import { splitParagraphJoin } from './split-paragraph-join.js';
import { tagList } from './tag-list.js';
import { templateDebris } from './template-debris.js';
import { titleHeading } from './title-heading.js';
import { trailingHeading } from './trailing-heading.js';
import { uiChrome } from './ui-chrome.js';
import { unsafeContent } from './unsafe-content.js';

export const RULES: readonly CleaningRule[] = [
  unsafeContent,
  hiddenText,
  navigation,
  uiChrome,
  editLink,
  sharePrompt,
  advertisementLabel,
  newsletterAppeal,
  membershipAppeal,
  commentPrompt,
  relatedLinks,
  inlineTeaser,
  authorBio,
  reportingCredit,
  affiliateDisclosure,
  imageCredit,
  imageCaption,
  cookieNotice,
  originalSourceLine,
  copyrightFooter,
  mediaInquiries,
  companyBoilerplate,
  disclaimer,
  fairUse,
  titleHeading,
  dateline,
  tagList,
  separator,
  templateDebris,
  spacerImage,
  splitParagraphJoin,
  trailingHeading,
  emptyBlocks,
  absoluteUrls,
];
