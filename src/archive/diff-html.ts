// The HTML format of a comparison: one self-contained page (inline CSS, no scripts, no external
// assets) with the two revisions' dates, a summary, the metadata changes, and the body in two
// views switched by CSS alone — inline (<ins>/<del> within each paragraph) and side by side.
import { type ArticleComparison, type Hunk, hunksOf, type ParagraphChange } from './diff.js';
import { describeRevision, escapeHtml, markCore, summaryLine } from './diff-format.js';
import { valueText } from './normalise.js';

const STYLE = `
:root { color-scheme: light; --ink: #1d232b; --muted: #6b7280; --paper: #fbfaf7; --card: #ffffff;
  --line: #e5e1d8; --ins: #d9f5dd; --ins-ink: #0f5f24; --del: #fde0de; --del-ink: #8f1d16; --accent: #2f5d8a; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 17px/1.6 Georgia, "Iowan Old Style", "Times New Roman", serif; }
header { max-width: 72rem; margin: 0 auto; padding: 0 1.5rem; }
header { padding-top: 2rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .4rem; }
.path { font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; color: var(--muted); margin: 0 0 1.2rem; }
.revisions { display: flex; gap: 1rem; flex-wrap: wrap; margin: 0 0 1rem; }
.revision { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .6rem .9rem; flex: 1 1 16rem; }
.revision b { display: block; font: 600 12px/1.4 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.revision code { font-size: 14px; }
.summary { font: 15px/1.5 system-ui, sans-serif; margin: 0 0 1rem; }
.summary .added { color: var(--ins-ink); font-weight: 600; }
.summary .removed { color: var(--del-ink); font-weight: 600; }
table.metadata { border-collapse: collapse; width: 100%; table-layout: fixed; font: 14px/1.5 system-ui, sans-serif; background: var(--card); margin: 0 0 1.5rem; }
table.metadata th, table.metadata td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
table.metadata th { background: #f3f1ec; }
table.metadata thead th:first-child { width: 9rem; }
ins { background: var(--ins); color: var(--ins-ink); text-decoration: none; border-radius: 3px; padding: 0 .1em; }
del { background: var(--del); color: var(--del-ink); text-decoration: line-through; border-radius: 3px; padding: 0 .1em; }
.views { max-width: 72rem; margin: 0 auto; padding: 0 1.5rem; }
.views input { position: absolute; opacity: 0; }
.views label { display: inline-block; margin: 0 0 1rem; padding: .5rem .9rem; border: 1px solid var(--line); background: var(--card); cursor: pointer; font: 14px/1 system-ui, sans-serif; }
.views label:first-of-type { border-radius: 6px 0 0 6px; }
.views label:last-of-type { border-radius: 0 6px 6px 0; border-left: 0; }
#view-inline:checked ~ label[for="view-inline"], #view-side:checked ~ label[for="view-side"] { background: var(--accent); color: #fff; border-color: var(--accent); }
#view-inline:checked ~ main .side-by-side { display: none; }
#view-side:checked ~ main .inline { display: none; }
article.inline { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1.2rem 2rem; max-width: 46rem; }
article.inline p { margin: 0 0 1rem; }
p.inserted { border-left: 4px solid var(--ins-ink); padding-left: .8rem; }
p.deleted { border-left: 4px solid var(--del-ink); padding-left: .8rem; }
p.changed { border-left: 4px solid var(--accent); padding-left: .8rem; }
p.unchanged { color: #3d4551; }
table.side-by-side { width: 100%; border-collapse: separate; border-spacing: 0; background: var(--card); border: 1px solid var(--line); border-radius: 8px; table-layout: fixed; }
table.side-by-side th { font: 600 13px/1.4 system-ui, sans-serif; text-align: left; padding: .6rem 1rem; border-bottom: 1px solid var(--line); color: var(--muted); }
table.side-by-side td { vertical-align: top; padding: .5rem 1rem; border-bottom: 1px solid #f0ede6; }
table.side-by-side td.empty { background: repeating-linear-gradient(45deg, #faf9f6, #faf9f6 6px, #f3f1ec 6px, #f3f1ec 12px); }
table.side-by-side tr.unchanged td { color: #4b5563; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1.5rem; font: 12px/1.4 system-ui, sans-serif; color: var(--muted); }
`;

/** A complete HTML document for the comparison. */
export function renderHtml(comparison: ArticleComparison): string {
  const title = comparison.to.title ?? comparison.path;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Changes: ${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="path">${escapeHtml(comparison.path)}</p>
<div class="revisions">
<div class="revision"><b>From</b><code>${escapeHtml(describeRevision(comparison.from))}</code></div>
<div class="revision"><b>To</b><code>${escapeHtml(describeRevision(comparison.to))}</code></div>
</div>
<p class="summary">${summaryHtml(comparison)}</p>
${metadataTable(comparison)}
</header>
<div class="views">
<input type="radio" name="view" id="view-inline" checked>
<input type="radio" name="view" id="view-side">
<label for="view-inline">Inline</label><label for="view-side">Side by side</label>
<main>
<article class="inline">
${comparison.body.paragraphs.map(inlineParagraph).join('\n')}
</article>
<table class="side-by-side">
<thead><tr><th>${escapeHtml(describeRevision(comparison.from))}</th><th>${escapeHtml(describeRevision(comparison.to))}</th></tr></thead>
<tbody>
${comparison.body.paragraphs.map(sideBySideRow).join('\n')}
</tbody>
</table>
</main>
</div>
<footer>Generated by stet diff.</footer>
</body>
</html>
`;
}

function summaryHtml(comparison: ArticleComparison): string {
  const text = escapeHtml(summaryLine(comparison));
  return text
    .replace(/^\+(\d+ words?)/, '<span class="added">+$1</span>')
    .replace(/-(\d+ words?)/, '<span class="removed">−$1</span>');
}

function metadataTable(comparison: ArticleComparison): string {
  if (comparison.metadata.length === 0) return '';
  const rows = comparison.metadata.map((change) => {
    const before =
      change.from === undefined ? '' : `<del>${escapeHtml(valueText(change.from))}</del>`;
    const after = change.to === undefined ? '' : `<ins>${escapeHtml(valueText(change.to))}</ins>`;
    return `<tr><th>${escapeHtml(change.field)}</th><td>${before}</td><td>${after}</td></tr>`;
  });
  return `<table class="metadata"><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const PARAGRAPH_CLASS = {
  equal: 'unchanged',
  insert: 'inserted',
  delete: 'deleted',
  change: 'changed',
} as const;

function inlineParagraph(paragraph: ParagraphChange): string {
  return `<p class="${PARAGRAPH_CLASS[paragraph.kind]}">${hunksHtml(hunksOf(paragraph), true, true)}</p>`;
}

function sideBySideRow(paragraph: ParagraphChange): string {
  const hunks = hunksOf(paragraph);
  const old =
    paragraph.kind === 'insert'
      ? '<td class="empty"></td>'
      : `<td>${hunksHtml(hunks, true, false)}</td>`;
  const current =
    paragraph.kind === 'delete'
      ? '<td class="empty"></td>'
      : `<td>${hunksHtml(hunks, false, true)}</td>`;
  return `<tr class="${PARAGRAPH_CLASS[paragraph.kind]}">${old}${current}</tr>`;
}

/** Hunks as HTML, showing deletions and/or insertions. */
function hunksHtml(hunks: readonly Hunk[], showDeleted: boolean, showInserted: boolean): string {
  return hunks
    .map((hunk) => {
      const text = escapeHtml(hunk.text);
      if (hunk.type === 'equal') return text;
      if (hunk.type === 'delete')
        return showDeleted ? markCore(text, (core) => `<del>${core}</del>`) : '';
      return showInserted ? markCore(text, (core) => `<ins>${core}</ins>`) : '';
    })
    .join('');
}
