import { anyOf, classRule, textRule } from './rule.js';

/**
 * "Copyright © …", "© 2018 …", "The contents of this site are ©2019 …", "All rights reserved.",
 * and the Chinese "未经授权，不得转载" (no reprinting without permission), "版权所有".
 */
const COPYRIGHT_TEXT =
  /未经(授权|许可)[^。]{0,20}不得(转载|复制)|版权所有|^copyright\s*(©|ⓒ|\(c\)|@\s*\d{4}|\d{4}|by\b)|^\(c\)\s*\d{4}|\ball rights reserved\b|\bsubject to copyright\s*[.;]/i;

/**
 * The copyright sign before a year or a name ("© Reuters", "ⓒ '엔터미디어'", "photos © Inexhibit,
 * 2018"), not a joke in running text ("a manifesto™© we just think …").
 */
const COPYRIGHT_SIGN = /[©ⓒ](?!\s*\p{Ll})/u;

/** "This document is subject to copyright. Apart from any fair dealing for the purpose of …". */
const COPYRIGHT_NOTICE =
  /^this (document|article|content|material|page|story|work) is (subject to|protected by) copyright\s*[.;]/i;
/** A footer box the page names after its copyright line, with the publisher's address beside it. */
const COPYRIGHT_CLASS = /(^|[\s_-])copyright([\s_-]|$)/;
const REASON = 'copyright lines are legal footer, not article text';
const CANDIDATES = ['p', 'div', 'section', 'footer', 'span', 'small'];

export const copyrightFooter = anyOf(
  textRule({
    id: 'copyright-footer',
    reason: REASON,
    pattern: COPYRIGHT_TEXT,
    maxChars: 200,
    candidates: CANDIDATES,
  }),
  textRule({
    id: 'copyright-footer',
    reason: REASON,
    pattern: COPYRIGHT_SIGN,
    maxChars: 200,
    candidates: CANDIDATES,
  }),
  textRule({
    id: 'copyright-footer',
    reason: REASON,
    pattern: COPYRIGHT_NOTICE,
    maxChars: 500,
    candidates: CANDIDATES,
  }),
  classRule({
    id: 'copyright-footer',
    reason: REASON,
    pattern: COPYRIGHT_CLASS,
    maxShare: 0.2,
    maxChars: 400,
    candidates: ['div', 'section', 'footer', 'p'],
  }),
);
