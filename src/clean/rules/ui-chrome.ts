import { isInlineInText, type RemovalRule, textOf } from './rule.js';

/**
 * Labels of the page's controls, and its view counters ("2.289 letture"), that Readability
 * sometimes keeps: one short phrase each.
 */
const CONTROL_LABEL =
  /^(sign in|sign up|log ?in|log out|register|skip to (main )?content|skip navigation|breaking news|menu|search|close|open|toggle navigation|back to top|home|(reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|tempo di lettura|lesezeit)\s*:?\s*(\d+|<\s*\d+)\s*\p{L}*\.?|\d+\s*(min|mins|minutes?)\.?\s*(read|de leitura|de lectura|de lecture|di lettura|lesezeit)|[\d.,]+\s*k?\s*(views?|reads?|letture|visualizzazioni|visualizações|visualizaciones|vistas|lecturas|vues|aufrufe|просмотр\p{L}*)|loading( content)?\s*(\.*|…)|text size|subscribe( now)?|\d+ of \d+|this slideshow requires javascript\.?|please enable javascript.{0,60}|you must enable javascript.{0,60}|javascript is (disabled|required).{0,60}|tell us what you think\.*|(was this|did you find this|found this)( (article|page|post|story|answer))? (helpful|useful)\??|listen to this article|play video|watch video|enlarge (this )?image|view gallery|expand|collapse|true|false|null|undefined|(next|previous|prev) (page|article|post|story)\s*:?[^.!?]{0,60}(>>|»|›)?)$/iu;

/** A button left as an unrendered WordPress shortcode: "[button link=… ] Send us your review[/button]". */
const SHORTCODE_BUTTON = /^\[(button|btn|su_button|cta)\b[^\]]*\].{0,80}\[\/\1\]$/iu;

export const uiChrome: RemovalRule = {
  kind: 'remove',
  id: 'ui-chrome',
  reason: 'labels of buttons and controls ("Sign in", "Skip to content") are page chrome',
  candidates: ['p', 'div', 'span', 'a', 'button', 'li', 'h2', 'h3', 'h4', 'strong', 'em', 'b'],
  filter: (element) => {
    const text = textOf(element);
    if (isInlineInText(element, text)) return false;
    if (CONTROL_LABEL.test(text) || SHORTCODE_BUTTON.test(text)) return true;
    // A block that only repeats the page's own address comes from a share or print widget.
    const url = element.ownerDocument.URL;
    return (
      text.length > 0 &&
      !element.querySelector('a') &&
      (text === url || text === url.replace(/\/$/, ''))
    );
  },
};
