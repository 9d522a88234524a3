// robots.txt, per RFC 9309, parsed by the robots-parser package. Each origin's file is fetched
// once per run. A 4xx means "no rules" (everything allowed); a 5xx or an unreachable server
// after retries means "assume everything disallowed", as the RFC requires — the pages are then
// reported as failed with that reason, never fetched.
import { createRequire } from 'node:module';
import type { FetchedDocument } from './documents.js';

// robots-parser is CommonJS (module.exports = the function) while its typings declare a default
// export; require() gives the function with the declared type.
const robotsParser = createRequire(import.meta.url)(
  'robots-parser',
) as typeof import('robots-parser').default;

export interface RobotsVerdict {
  readonly allowed: boolean;
  /** Crawl-delay for our user agent, in milliseconds, when the site sets one. */
  readonly crawlDelayMs: number | undefined;
  /** Why a page is disallowed, for the report. */
  readonly reason: string | undefined;
}

type Robot = ReturnType<typeof robotsParser>;

/** The robots.txt of one origin: parsed rules, or the failure that made it unusable. */
type OriginRules = { readonly robot: Robot } | { readonly unreachable: string };

export class RobotsRules {
  readonly #fetchRobots: (robotsUrl: string) => Promise<FetchedDocument>;
  readonly #agent: string;
  readonly #origins = new Map<string, Promise<OriginRules>>();

  /**
   * @param fetchRobots fetches a robots.txt (with politeness and retries); throws when the
   *   server cannot be reached or answers 5xx.
   * @param agent the product token matched against User-agent lines, e.g. "stet".
   */
  constructor(fetchRobots: (robotsUrl: string) => Promise<FetchedDocument>, agent: string) {
    this.#fetchRobots = fetchRobots;
    this.#agent = agent;
  }

  async check(url: string): Promise<RobotsVerdict> {
    const rules = await this.#rulesFor(new URL(url).origin);
    if ('unreachable' in rules) {
      return {
        allowed: false,
        crawlDelayMs: undefined,
        reason: `robots.txt unavailable (${rules.unreachable}), so the site counts as disallowed`,
      };
    }
    const allowed = rules.robot.isAllowed(url, this.#agent) !== false;
    const crawlDelay = rules.robot.getCrawlDelay(this.#agent);
    return {
      allowed,
      crawlDelayMs: crawlDelay === undefined ? undefined : crawlDelay * 1_000,
      reason: allowed
        ? undefined
        : `disallowed by robots.txt line ${rules.robot.getMatchingLineNumber(url, this.#agent)}`,
    };
  }

  #rulesFor(origin: string): Promise<OriginRules> {
    let rules = this.#origins.get(origin);
    if (rules === undefined) {
      rules = this.#load(origin);
      this.#origins.set(origin, rules);
    }
    return rules;
  }

  async #load(origin: string): Promise<OriginRules> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const document = await this.#fetchRobots(robotsUrl);
      const text = document.status >= 200 && document.status < 300 ? document.text : '';
      return { robot: robotsParser(robotsUrl, text) };
    } catch (error) {
      return { unreachable: (error as Error).message };
    }
  }
}
