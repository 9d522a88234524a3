import { anyOf, textRule } from './rule.js';

/** "Become a member", "Support our journalism", "Donate" boxes. */
const MEMBERSHIP_TEXT =
  /^(become an? (member|subscriber|patron|supporter)|(please )?(support|donate to) (us|our (journalism|work|reporting))|donate( now| today)?|subscribe to .{1,40} (and|to) (stay|get|support|enjoy|never)\b.*|subscribe (now|today)|already a (subscriber|member)|(click|tap) here to subscribe|subscribers? can (read|get)|to continue reading|this (article|content) is (only )?(for|available to) (subscribers|members))\b/i;

/** A box that opens with an appeal and goes on asking for money or membership. */
const APPEAL_BOX =
  /^(support (independent|our|quality) (media|journalism|reporting)|become an? (member|supporter|patron)|support us|donate|(get|unlock|enjoy) (full |unlimited )?access to|if you (enjoyed|liked|value|appreciate) (this|our) (article|story|piece|reporting|journalism))\b.{0,300}\b(donate|donation|members?|membership|subscribe|subscriptions?|reader-funded|support us|premium)\b/i;
const REASON = 'membership, subscription and donation appeals are site promotion, not the article';

export const membershipAppeal = anyOf(
  textRule({ id: 'membership-appeal', reason: REASON, pattern: MEMBERSHIP_TEXT, maxChars: 60 }),
  textRule({ id: 'membership-appeal', reason: REASON, pattern: APPEAL_BOX, maxChars: 600 }),
);
