// The bundled reference page (examples/): the seed's Global Research article as a saved page,
// and the front-matter the seed shows for it. Several suites read it; one definition here.
import { join } from 'node:path';
import { PROJECT_ROOT } from './corpus.js';

export const REFERENCE_PAGE = join(
  PROJECT_ROOT,
  'examples/globalresearch-government-forces-crushed-isis-pocket.html',
);
export const REFERENCE_URL =
  'https://www.globalresearch.ca/video-government-forces-crushed-isis-held-pocket-in-southern-syria/5660583';

/** Front-matter fields of the reference page, as the seed gives them (tags include "SYRIA"). */
export const REFERENCE_FRONT_MATTER = {
  title: 'Video: Government Forces Crushed ISIS-held Pocket in Southern Syria',
  author: 'South Front',
  date: '2018-11-20',
  region: 'Middle East & North Africa',
  theme: 'US NATO War Agenda',
  site: 'Global Research',
  original_source: 'South Front',
} as const;
