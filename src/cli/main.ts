// Entry point: runs the program and turns usage errors into exit code 2.
import { CommanderError } from 'commander';
import { type CliIO, processIO } from './io.js';
import { buildProgram } from './program.js';
import { describeError, EXIT_SOME_FAILED, EXIT_USAGE } from './report.js';

/** Runs stet with `args` (without node and script) and returns the exit code. */
export async function main(args: readonly string[], io: CliIO = processIO()): Promise<number> {
  const result = { exitCode: 0 };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are successful exits; anything else is bad usage.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    io.stderr.write(`stet: ${describeError(error)}\n`);
    return EXIT_SOME_FAILED;
  }
}
