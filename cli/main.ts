/**
 * The movcheck command line: parses the arguments, dispatches to a command
 * and turns every failure into ONE line on stderr (`movcheck: <what is
 * wrong>; <how to fix>`) with exit status 2 for bad input and 4 for an
 * internal error (a bug in movcheck), never a stack trace (unless
 * MOVCHECK_DEBUG=1). `main` takes its output writers as arguments so that
 * tests can call it in-process. Commands load on demand, so `--help` and
 * `--version` start without the model and the catalog.
 */
import { helpText, parseArgs } from './args.ts';
import { UsageError, firstLine } from './errors.ts';
import { processIo, type Io } from './io.ts';
import { version } from './version.ts';

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
    if (io.isolate && (inv.command === 'run' || inv.command === 'replay' || inv.command === 'gate' || inv.command === 'report' || inv.command === 'mutants' || inv.command === 'timeline')) {
      const { runIsolated } = await import('./worker/isolate.ts');
      return await runIsolated(args, io, 'search' in inv ? inv.search.timeLimit : undefined);
    }
    switch (inv.command) {
      case 'help':
        if (inv.bare) {
          // No command at all: the help, where errors go, and the bad-usage status.
          io.err(helpText(null));
          return EXIT_USAGE;
        }
        io.out(helpText(inv.topic));
        return 0;
      case 'version':
        io.out(`movcheck ${version()}\n`);
        return 0;
      case 'list':
        return await (await import('./commands/list.ts')).listCommand(inv, io);
      case 'run':
        return await (await import('./commands/run.ts')).runCommand(inv, io);
      case 'replay':
        return await (await import('./commands/replay.ts')).replayCommand(inv, io);
      case 'gate':
        return await (await import('./commands/gate.ts')).gateCommand(inv, io);
      case 'report':
        return await (await import('./commands/report.ts')).reportCommand(inv, io);
      case 'mutants':
        return await (await import('./commands/mutants.ts')).mutantsCommand(inv, io);
      case 'timeline':
        return await (await import('./commands/timeline.ts')).timelineCommand(inv, io);
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
