// What a capture shows while it runs: on a terminal a progress bar (cli-progress) with failures
// printed above it; otherwise (CI logs, pipes) one plain line per page, the same
// `status  subject  [reason]` lines as `stet archive`. Either way a summary ends the run.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { type CliIO, writeLine } from '../cli/io.js';
import { statusLine } from '../cli/report.js';
import type { CaptureResult } from './report.js';

export interface Progress {
  start(total: number): void;
  result(result: CaptureResult): void;
  stop(): void;
}

export function createProgress(io: CliIO): Progress {
  return io.isTTY ? new BarProgress(io) : new LineProgress(io);
}

function lineFor(result: CaptureResult): string {
  return statusLine(result.status, result.path ?? result.url, result.error);
}

class LineProgress implements Progress {
  readonly #io: CliIO;

  constructor(io: CliIO) {
    this.#io = io;
  }

  start(total: number): void {
    writeLine(this.#io.stdout, `capturing ${total} ${total === 1 ? 'page' : 'pages'}`);
  }

  result(result: CaptureResult): void {
    writeLine(this.#io.stdout, lineFor(result));
  }

  stop(): void {}
}

class BarProgress implements Progress {
  readonly #bars: MultiBar;
  #bar: SingleBar | undefined;

  constructor(io: CliIO) {
    this.#bars = new MultiBar(
      {
        stream: io.stdout,
        format: 'capture [{bar}] {value}/{total} pages · {eta_formatted} left · {last}',
        hideCursor: true,
        clearOnComplete: true,
      },
      Presets.shades_classic,
    );
  }

  start(total: number): void {
    this.#bar = this.#bars.create(total, 0, { last: '' });
  }

  result(result: CaptureResult): void {
    // Only what needs attention scrolls above the bar; the rest is in the summary and report.
    if (result.status === 'failed' || result.status === 'suspect') {
      this.#bars.log(`${lineFor(result)}\n`);
    }
    this.#bar?.increment(1, { last: result.path ?? result.url });
  }

  stop(): void {
    this.#bars.stop();
  }
}
