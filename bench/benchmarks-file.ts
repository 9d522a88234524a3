// Each benchmark owns one section of BENCHMARKS.md, between `<!-- bench:NAME -->` and
// `<!-- /bench:NAME -->`, and rewrites only that section, so the benchmarks can run in any order.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** npm runs the bench scripts from the project root. */
export const BENCHMARKS_FILE = join(process.cwd(), 'BENCHMARKS.md');

export function sectionMarkers(name: string): { readonly start: string; readonly end: string } {
  return { start: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` };
}

/** Replaces (or appends) the section `name`; `block` includes its own markers. */
export function writeBenchmarkSection(name: string, block: string): void {
  const { start, end } = sectionMarkers(name);
  const current = existsSync(BENCHMARKS_FILE)
    ? readFileSync(BENCHMARKS_FILE, 'utf8')
    : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from !== -1 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(BENCHMARKS_FILE, next);
}
