// The article-extraction benchmark's metric (../shared/corpus/README.md), as its own code has
// it: tokens are \w+ runs (Unicode), shingles are runs of 4 tokens counted as a multiset, and
// per page tp/fp/fn are the shared / predicted-only / truth-only shingles. Precision is the mean
// over pages that predicted something, recall the mean over pages whose truth has something,
// and F1 is taken of the two means.

const SHINGLE_SIZE = 4;
/** Python's \w with re.UNICODE: letters, numbers and the underscore. */
const WORD = /[\p{L}\p{N}_]+/gu;

export interface PageCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface PageScore extends PageCounts {
  /** undefined when the page predicted nothing (it does not count in the precision mean). */
  readonly precision: number | undefined;
  /** undefined when the truth has no shingles (it does not count in the recall mean). */
  readonly recall: number | undefined;
  readonly f1: number;
}

export interface Summary {
  readonly pages: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function shingles(text: string): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  for (let start = 0; start + SHINGLE_SIZE <= tokens.length; start++) {
    const shingle = tokens.slice(start, start + SHINGLE_SIZE).join('\u0000');
    counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

export function countShingles(truth: string, predicted: string): PageCounts {
  const truthShingles = shingles(truth);
  const predictedShingles = shingles(predicted);
  let tp = 0;
  let fp = 0;
  for (const [shingle, count] of predictedShingles) {
    const shared = Math.min(count, truthShingles.get(shingle) ?? 0);
    tp += shared;
    fp += count - shared;
  }
  let truthTotal = 0;
  for (const count of truthShingles.values()) truthTotal += count;
  return { tp, fp, fn: truthTotal - tp };
}

export function scorePage(truth: string, predicted: string): PageScore {
  const { tp, fp, fn } = countShingles(truth, predicted);
  if (fp === 0 && fn === 0) return { tp, fp, fn, precision: 1, recall: 1, f1: 1 };
  const precision = tp + fp > 0 ? tp / (tp + fp) : undefined;
  const recall = tp + fn > 0 ? tp / (tp + fn) : undefined;
  const p = precision ?? 0;
  const r = recall ?? 0;
  return { tp, fp, fn, precision, recall, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

export function summarize(scores: readonly PageScore[]): Summary {
  const precision = mean(scores.map((score) => score.precision));
  const recall = mean(scores.map((score) => score.recall));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { pages: scores.length, precision, recall, f1 };
}

function mean(values: readonly (number | undefined)[]): number {
  const counted = values.filter((value): value is number => value !== undefined);
  return counted.length === 0 ? 0 : counted.reduce((sum, value) => sum + value, 0) / counted.length;
}
