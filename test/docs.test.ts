// The README documents every command and every option the program actually has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/program.js';
import { PROJECT_ROOT } from './helpers/corpus.js';

const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

const program = buildProgram(
  {
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    isTTY: false,
    cwd: PROJECT_ROOT,
  },
  { exitCode: 0 },
);

describe('README', () => {
  it('has a section for every command', () => {
    const missing = program.commands
      .map((command) => command.name())
      .filter((name) => !README.includes(`### \`stet ${name}`));
    expect(missing).toEqual([]);
  });

  it.each(program.commands.map((command) => [command.name(), command] as const))(
    'documents every option of stet %s',
    (_name, command) => {
      const section = README.split(`### \`stet ${command.name()}`)[1]?.split('\n### ')[0] ?? '';
      const missing = command.options
        .map((option) => option.long ?? '')
        .filter((flag) => !section.includes(`\`${flag}`));
      expect(missing).toEqual([]);
    },
  );

  it('gives the quickstart command that archives the bundled page', () => {
    expect(README).toContain(
      'npm ci && npx stet archive examples/globalresearch-government-forces-crushed-isis-pocket.html --archive /tmp/stet-demo',
    );
  });
});
