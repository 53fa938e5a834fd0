/**
 * The movcheck command line: parses the arguments, dispatches to a command
 * and turns every failure into ONE line on stderr (`movcheck: <what is
 * wrong>; <how to fix>`) with exit status 2 for bad input and 4 for an
 * internal error (a bug in movcheck), never a stack trace (unless
 * MOVCHECK_DEBUG=1). `main` takes its output writers as arguments so that
 * tests can call it in-process.
 */
import { helpText, parseArgs } from './args.ts';
import { gateCommand } from './commands/gate.ts';
import { listCommand } from './commands/list.ts';
import { replayCommand } from './commands/replay.ts';
import { reportCommand } from './commands/report.ts';
import { runCommand } from './commands/run.ts';
import { UsageError, firstLine } from './errors.ts';
import { processIo, type Io } from './io.ts';

/** Exit status of bad usage or input (including a scenario or protocol file whose model fails). */
export const EXIT_USAGE = 2;
/** Exit status of an internal error: a bug in movcheck itself, never the user's input. */
export const EXIT_INTERNAL = 4;

/** One line: newlines and runs of whitespace collapse to a space. */
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** Runs the CLI on `args` (the words after `movcheck`) and returns the exit status. Never throws. */
export async function main(args: readonly string[], io: Io = processIo()): Promise<number> {
  const debug = io.env.MOVCHECK_DEBUG === '1';
  try {
    const inv = parseArgs(args);
    switch (inv.command) {
      case 'help':
        io.out(helpText(inv.topic));
        return 0;
      case 'list':
        return listCommand(inv, io);
      case 'run':
        return await runCommand(inv, io);
      case 'replay':
        return await replayCommand(inv, io);
      case 'gate':
        return await gateCommand(inv, io);
      case 'report':
        return await reportCommand(inv, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`movcheck: ${oneLine(e.message)}\n`);
      if (debug && e.cause instanceof Error && e.cause.stack) io.err(e.cause.stack + '\n');
      return EXIT_USAGE;
    }
    io.err(`movcheck: internal error: ${oneLine(firstLine(e))}; this is a bug in movcheck, please report it (${debug ? 'stack follows' : 'MOVCHECK_DEBUG=1 shows the stack trace'})\n`);
    if (debug && e instanceof Error && e.stack) io.err(e.stack + '\n');
    return EXIT_INTERNAL;
  }
}

/** Entry point of bin/movcheck.mjs: runs `main` on `process.argv` and sets the exit code. */
export async function cli(argv: readonly string[] = process.argv): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = await main(argv.slice(2));
}
