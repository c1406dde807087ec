// `marketsim tui` (and plain `marketsim` in a terminal): opens the ink app; outside a terminal it exits 2
// and points to `marketsim run`, since there is nobody to press keys.
// The terminal is checked before ink, React and the app are loaded (they cost most of the start-up).
import { performance } from 'node:perf_hooks';
import { EXIT } from './exitCodes.js';
import { fileOptions } from './flags.js';
import { badInput, type Io } from './io.js';

export interface TuiFlags {
  /** A folder whose scenario files the picker lists after the built-ins. */
  readonly dir?: string;
  /** The screens' language, en or zh (Settings can change it); also the first choice of the runs' --lang. */
  readonly lang?: string;
}

/** The streams the TUI needs; process.stdin/stdout in the real command. */
export interface Terminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const NOT_A_TERMINAL = 'tui needs an interactive terminal; to run a scenario from a script use `marketsim run <scenario>` (see `marketsim run --help`)';

export function isInteractive(terminal: Pick<Terminal, 'stdin' | 'stdout'>): boolean {
  return Boolean(terminal.stdin.isTTY && terminal.stdout.isTTY);
}

export async function tuiCommand(flags: TuiFlags, io: Io, terminal: Terminal = { stdin: process.stdin, stdout: process.stdout, env: process.env }): Promise<number> {
  // Checked as `run` checks its --lang, before the terminal: a bad flag is bad input wherever it is given.
  const options = fileOptions({ ...(flags.lang !== undefined ? { lang: flags.lang } : {}) });
  if (!options.ok) return badInput(options.error, io);
  if (!isInteractive(terminal)) {
    io.err(`marketsim: ${NOT_A_TERMINAL}`);
    return EXIT.badInput;
  }
  const [{ render }, { createElement }, { App }, { scenarioCatalog }, { themeFor }, { removeLogSpools }] = await Promise.all([
    import('ink'),
    import('react'),
    import('./tui/App.js'),
    import('./tui/catalog.js'),
    import('./tui/theme.js'),
    import('./tui/logSpool.js'),
  ]);
  let code: number = EXIT.ok;
  const app = render(
    createElement(App, {
      entries: scenarioCatalog(flags.dir),
      width: terminal.stdout.columns || 80,
      height: terminal.stdout.rows || 24,
      theme: themeFor(terminal.env),
      now: () => performance.now(),
      onExit: (c: number) => (code = c),
      lang: options.value.lang,
    }),
    { stdin: terminal.stdin, stdout: terminal.stdout, exitOnCtrlC: true },
  );
  try {
    await app.waitUntilExit();
  } finally {
    removeLogSpools();
  }
  return code;
}
