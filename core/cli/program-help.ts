/**
 * What `wharf --help`, `wharf help`, `wharf` and `wharf --version` print, rendered from the
 * command tables without loading commander: commander's load and its help formatting were
 * two thirds of `wharf --help` beyond Node's own start-up (see "The command line" in
 * docs/performance.md). The text is exactly the help commander prints for the program
 * program.ts builds from the same tables and strings (layout, and wrapping to the terminal's
 * width); tests/unit/cli/program-help.test.ts compares the two and fails when they differ.
 * Every other command line goes to commander.
 */
import { BUILTIN_COMMANDS } from './builtin-commands.js';
import { BUNDLED_PLUGIN_COMMANDS } from './bundled-plugin-commands.js';
import { hostPackageJson } from './host-package.js';

/** The program's name and one-line description. */
export const PROGRAM = { name: 'wharf', description: 'an extension-plugin API host' } as const;

/** The version option: its flags and description. */
export const VERSION_OPTION = {
  flags: '-V, --version',
  description: 'prints the version of wharf'
} as const;

/** Printed after the command list when the commands of extension packages were not looked for. */
export const PACKAGE_COMMANDS_HINT = `
Installed and drop-in extension packages may add commands of their own (namespace
wharf.commands): \`wharf extensions list --namespace wharf.commands\` lists them and
\`wharf help COMMAND\` shows one.
`;

// commander's own help option and help command, as it adds them to a program with commands.
const HELP_OPTION = { flags: '-h, --help', description: 'display help for command' };
const HELP_COMMAND = { term: 'help [command]', description: 'display help for command' };

// commander's layout: items indented by 2, 2 spaces between term and description, and no
// wrapping when less than this is left for the text.
const ITEM_INDENT = 2;
const SPACER = 2;
const MIN_WIDTH_TO_WRAP = 40;

/** One line of a help list: the term (flags or command) and its description. */
type HelpItem = readonly [term: string, description: string];

/** An answer given without commander: the text, where it goes, and the exit code. */
export interface QuickAnswer {
  text: string;
  stream: 'stdout' | 'stderr';
  code: number;
}

/**
 * The answer to a command line that asks only for the top-level help or the version, as
 * commander would give it (`wharf` alone: the help on standard error, exit 2); undefined
 * for every other command line. `columns` is the terminal's width (undefined: not a
 * terminal, 80 columns).
 */
export function quickAnswer(
  argv: readonly string[],
  columns: (stream: QuickAnswer['stream']) => number | undefined
): QuickAnswer | undefined {
  if (argv.length === 0)
    return { text: topLevelHelp(columns('stderr')), stream: 'stderr', code: 2 };
  if (argv.length !== 1) return undefined;
  const [arg] = argv;
  if (arg === '--help' || arg === '-h' || arg === 'help')
    return { text: topLevelHelp(columns('stdout')), stream: 'stdout', code: 0 };
  if (arg === '--version' || arg === '-V')
    return { text: `${hostPackageJson().version}\n`, stream: 'stdout', code: 0 };
  return undefined;
}

/**
 * The top-level help, `width` columns wide (80 when undefined): usage, description, the
 * options, the built-in commands, the bundled plugins' commands, and the hint about the
 * commands of extension packages.
 */
export function topLevelHelp(width = 80): string {
  const options: HelpItem[] = [
    [VERSION_OPTION.flags, VERSION_OPTION.description],
    [HELP_OPTION.flags, HELP_OPTION.description]
  ];
  const commands: HelpItem[] = [
    ...[...BUILTIN_COMMANDS, ...BUNDLED_PLUGIN_COMMANDS].map(({ name, summary }): HelpItem => [
      name,
      summary
    ]),
    [HELP_COMMAND.term, HELP_COMMAND.description]
  ];
  const termWidth = Math.max(...[...options, ...commands].map(([term]) => term.length));
  const item = ([term, description]: HelpItem): string =>
    formatItem(term, termWidth, description, width);
  return [
    `Usage: ${PROGRAM.name} [options] [command]`,
    '',
    boxWrap(PROGRAM.description, width),
    '',
    'Options:',
    ...options.map(item),
    '',
    'Commands:',
    ...commands.map(item),
    ''
  ]
    .join('\n')
    .concat(PACKAGE_COMMANDS_HINT, '\n');
}

/** One term and its description, the description wrapped beside the padded term. */
function formatItem(term: string, termWidth: number, description: string, width: number): string {
  const remaining = width - termWidth - SPACER - ITEM_INDENT;
  const text =
    remaining < MIN_WIDTH_TO_WRAP
      ? description
      : boxWrap(description, remaining).replaceAll('\n', `\n${' '.repeat(termWidth + SPACER)}`);
  const indent = ' '.repeat(ITEM_INDENT);
  return `${indent}${term.padEnd(termWidth)}${' '.repeat(SPACER)}${text.replaceAll('\n', `\n${indent}`)}`;
}

/** Wraps text at whitespace to `width` columns, as commander does. */
function boxWrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/\s*\S+/g);
    if (chunks === null) {
      lines.push('');
      continue;
    }
    let current = chunks[0]!;
    for (const chunk of chunks.slice(1)) {
      if (current.length + chunk.length <= width) {
        current += chunk;
        continue;
      }
      lines.push(current);
      current = chunk.trimStart();
    }
    lines.push(current);
  }
  return lines.join('\n');
}
