// The TUI: picker → settings → run → results, inside an error boundary and the colour theme. Runs are
// resolved by the same code as `marketsim run` (setupFromFlags), so the files the TUI exports are its bytes.
import { Box, Text, useApp } from 'ink';
import { useCallback, useMemo, useState } from 'react';
import type { FinishedRun } from '../../runs/run.js';
import { fileOptions, setupFromFlags, type RunFlags } from '../flags.js';
import { defaultIndex, type CatalogEntry } from './catalog.js';
import { knownRuleIds } from './coverage.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { defaultOutDir, exportRun } from './exportRun.js';
import { newLogSpool } from './logSpool.js';
import { compareFlags, compareLabel, runFlags, type Settings as RunSettings } from './overrides.js';
import { Results, type ExportOutcome, type Tab } from './Results.js';
import { RunScreen } from './RunScreen.js';
import { runView, type RunView } from './runView.js';
import { ScenarioPicker } from './ScenarioPicker.js';
import { Settings } from './Settings.js';
import { tuiText, type Lang } from './text.js';
import { ThemeContext, type Theme } from './theme.js';
import type { RunJob } from './use-sliced-run.js';

type Loadable = Extract<CatalogEntry, { ok: true }>;

export interface AppProps {
  /** The scenarios to pick from (built-ins and --dir). */
  readonly entries: readonly CatalogEntry[];
  /** Terminal columns and rows the layout fits (80×24 at least). */
  readonly width: number;
  readonly height: number;
  /** Colour on or off (NO_COLOR). */
  readonly theme: Theme;
  /** Wall clock for events per second and the ETA. */
  readonly now: () => number;
  /** Where export writes; default `out/<scenario name>` like `marketsim run`. */
  readonly outDir?: (scenarioName: string) => string;
  /** Told when the app ends, with its exit code. */
  readonly onExit?: (code: number) => void;
  /** Forwarded to the run screen (tests force many slices). */
  readonly tickBudgetMs?: number;
  /** The results tab shown first. */
  readonly initialTab?: Tab;
  /** The language the screens start in (`marketsim tui --lang`); the language field of Settings changes it. */
  readonly lang?: Lang;
}

type Screen =
  | { readonly name: 'picker' }
  /** `attempt` remounts the form after a refused start, so it takes keys again. */
  | { readonly name: 'settings'; readonly entry: Loadable; readonly settings: RunSettings; readonly attempt?: number }
  | { readonly name: 'run'; readonly entry: Loadable; readonly settings: RunSettings; readonly jobs: readonly RunJob[]; readonly flags: readonly RunFlags[] }
  | { readonly name: 'results'; readonly entry: Loadable; readonly settings: RunSettings; readonly base: RunView; readonly variant?: RunView };

function initialSettings(entry: Loadable, seed: string, lang: Lang): RunSettings {
  return { seed, profile: entry.profile as RunSettings['profile'], overrides: [], lang, excel: false, compare: { kind: 'none' } };
}

/** The jobs for a run, or the one-line error of a bad setting (caught before anything runs or is written). */
function planRun(entry: Loadable, settings: RunSettings): { ok: true; jobs: RunJob[]; flags: RunFlags[] } | { ok: false; error: string } {
  const variants: [string, RunFlags | undefined][] = [['base', runFlags(settings)], [compareLabel(settings.compare), compareFlags(settings)]];
  const jobs: RunJob[] = [];
  const flags: RunFlags[] = [];
  for (const [label, f] of variants) {
    if (!f) continue;
    // A generated timeline is drawn as the run reaches it, as `marketsim run` does (same log, far less memory).
    const prepared = setupFromFlags(entry.file, f, { lazyArrivals: true });
    if (!prepared.ok) return { ok: false, error: prepared.error.toString() };
    jobs.push({ label, setup: prepared.setup, options: prepared.options, logFile: newLogSpool() });
    flags.push(f);
  }
  return { ok: true, jobs, flags };
}

export function App(props: AppProps) {
  return (
    <ThemeContext.Provider value={props.theme}>
      <ErrorBoundary onError={() => props.onExit?.(3)} {...(props.lang ? { lang: props.lang } : {})}>
        <Box flexDirection="column" width={props.width}>
          <Screens {...props} />
        </Box>
      </ErrorBoundary>
    </ThemeContext.Provider>
  );
}

function Screens({ entries, width, height, now, outDir = defaultOutDir, onExit, tickBudgetMs, initialTab, lang: startLang = 'en' }: AppProps) {
  const { exit } = useApp();
  const [screen, setScreen] = useState<Screen>({ name: 'picker' });
  // The screens speak the language last chosen in Settings (the picker too, once back there).
  const [lang, setLang] = useState<Lang>(startLang);
  const [message, setMessage] = useState('');
  const catalog = useMemo(() => knownRuleIds(), []);
  const quit = useCallback(() => {
    onExit?.(0);
    exit();
  }, [exit, onExit]);
  const seeds = useMemo(() => new Map<string, string>(), []);

  const pick = (entry: Loadable): void => {
    setMessage('');
    const seed = seeds.get(entry.file) ?? defaultSeed(entry);
    setScreen({ name: 'settings', entry, settings: initialSettings(entry, seed, lang) });
  };
  const start = (entry: Loadable, settings: RunSettings): void => {
    setLang(settings.lang);
    const plan = planRun(entry, settings);
    if (!plan.ok) {
      setMessage(`${tuiText('cannotRun', settings.lang)}${plan.error}`);
      return setScreen((s) => ({ name: 'settings', entry, settings, attempt: (s.name === 'settings' ? (s.attempt ?? 0) : 0) + 1 }));
    }
    setMessage('');
    setScreen({ name: 'run', entry, settings, jobs: plan.jobs, flags: plan.flags });
  };
  const finished = useCallback(
    (results: readonly FinishedRun[]) =>
      setScreen((s) => {
        if (s.name !== 'run') return s;
        const [base, variant] = results.map((r, i) => runView(s.jobs[i]!.label, s.entry.arg, s.flags[i]!, r, s.jobs[i]!.logFile));
        return { name: 'results', entry: s.entry, settings: s.settings, base: base!, ...(variant ? { variant } : {}) };
      }),
    [],
  );

  let body;
  if (screen.name === 'picker') {
    body = <ScenarioPicker entries={entries} initial={defaultIndex(entries)} visible={Math.max(3, Math.floor((height - 6) / 2))} onPick={pick} onQuit={quit} lang={lang} />;
  } else if (screen.name === 'settings') {
    body = <Settings key={screen.attempt ?? 0} scenarioName={screen.entry.name} initial={screen.settings} onRun={(s) => start(screen.entry, s)} onBack={(s) => (setLang(s.lang), setScreen({ name: 'picker' }))} />;
  } else if (screen.name === 'run') {
    const back = { name: 'settings', entry: screen.entry, settings: screen.settings } as const;
    body = (
      <RunScreen
        jobs={screen.jobs}
        width={width}
        now={now}
        onDone={finished}
        onCancel={() => (setMessage(tuiText('runCancelled', screen.settings.lang)), setScreen(back))}
        lang={screen.settings.lang}
        {...(tickBudgetMs !== undefined ? { tickBudgetMs } : {})}
      />
    );
  } else {
    const { base, variant, entry, settings } = screen;
    body = (
      <Results
        base={base}
        {...(variant ? { variant } : {})}
        catalog={catalog}
        width={width}
        bodyHeight={Math.max(8, height - 4)}
        onExport={() => exportViews(outDir(entry.name), base, variant)}
        onNewRun={() => setScreen({ name: 'settings', entry, settings })}
        onQuit={quit}
        {...(initialTab ? { initialTab } : {})}
      />
    );
  }
  return (
    <>
      {message ? <Text wrap="truncate-end">{message}</Text> : null}
      {body}
    </>
  );
}

/** The seed the scenario file gives (what `marketsim run` uses without --seed). */
function defaultSeed(entry: Loadable): string {
  const prepared = setupFromFlags(entry.file, {});
  return prepared.ok ? prepared.setup.seed : '1';
}

/** Writes the base run into `dir` and the variant beside it (`<dir>-compare`), with the chosen CSV options. */
function exportViews(dir: string, base: RunView, variant: RunView | undefined): ExportOutcome {
  try {
    const paths: string[] = [];
    for (const [view, target] of [[base, dir], ...(variant ? [[variant, `${dir}-compare`] as const] : [])] as const) {
      const options = fileOptions(view.flags);
      if (!options.ok) return { ok: false, error: options.error.toString() };
      const exported = exportRun(target, view.result, view.summary, view.logFile, view.scenarioArg, options.value);
      if (!exported.ok) return { ok: false, error: exported.error };
      paths.push(...exported.value);
    }
    return { ok: true, paths };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
