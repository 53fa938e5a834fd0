/**
 * The one help renderer: `movcheck help` (every command, exit statuses) and
 * `movcheck help <command>` (its usage and options), both read from the
 * command table.
 */
import { UsageError } from './errors.ts';
import { COMMANDS, commandList, specOf, type CommandName, type OptionSpec } from './table.ts';

/** How an option is written in usage text: `--name` or `--name META`. */
function optionWords(o: OptionSpec): string {
  return o.kind === 'flag' ? `--${o.name}` : `--${o.name} ${o.meta ?? 'VALUE'}`;
}

/** One line of usage of a command. */
export function usageLine(name: CommandName): string {
  const c = specOf(name);
  if (!c) return '';
  const opts = c.options.map((o) => {
    const v = optionWords(o);
    return c.name === 'replay' && (o.name === 'protocol' || o.name === 'schedule') ? v : `[${v}]`;
  });
  return ['movcheck', c.name, c.args, ...opts].filter((x) => x).join(' ');
}

/** The help text: every command, or one command with its options. */
export function helpText(topic: string | null): string {
  if (topic !== null) {
    const c = specOf(topic);
    if (!c) throw new UsageError(`no help for unknown command '${topic}'; commands: ${commandList()}`);
    const lines = [`usage: ${usageLine(c.name)}`, '', `  ${c.help}`, ''];
    const w = Math.max(30, ...c.options.map((o) => optionWords(o).length));
    for (const o of c.options) lines.push(`  ${optionWords(o).padEnd(w)} ${o.help}`);
    return lines.join('\n').replace(/\n*$/, '\n');
  }
  const lines = ['movcheck: model checker for the Linux non-LRU movable page migration protocol', '', 'usage:'];
  for (const c of COMMANDS) lines.push(`  ${usageLine(c.name)}`, `      ${c.help}`);
  lines.push(
    '  movcheck --version | -V',
    '      print the version',
    '',
    'A scenario or protocol is a built-in id (see `movcheck list`) or a path to a .ts/.js/.mjs file',
    'that exports it (`export default`, `export const scenario`/`protocol`, or `export default (api) => ...`).',
    'Exit status: 0 no violation / all match, 1 violation / mismatch, 2 bad input, 3 incomplete, 4 internal error (a bug in movcheck).',
    'Verdicts are coloured on a terminal; NO_COLOR=1 turns colour off.',
    'Set MOVCHECK_DEBUG=1 to see stack traces of unexpected errors.',
  );
  return lines.join('\n') + '\n';
}
