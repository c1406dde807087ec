// The settings form as a pure reducer over key presses, so keys typed faster than the screen redraws are
// applied in order to the latest state (a closure over the last render would drop or misplace them).
import { PLATFORMS, type Platform } from '../../machines/domain.js';
import { checkOverride, type CompareVariant, type Settings } from './overrides.js';

export type Field = 'seed' | 'profile' | 'override' | 'compare' | 'compareOverride' | 'lang' | 'excel';

export interface FormState {
  readonly settings: Settings;
  readonly field: Field;
  /** The override being typed. */
  readonly draft: string;
  /** The comparison override being typed. */
  readonly compareDraft: string;
  /** Set when the form is left: the screen then calls onRun or onBack once. */
  readonly outcome?: 'run' | 'back';
}

/** The parts of ink's Key the form reads. */
export interface KeyPress {
  readonly input: string;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly shift?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
}

export const initialForm = (settings: Settings): FormState => ({ settings, field: 'seed', draft: '', compareDraft: '' });

export function fieldsOf(s: Settings): Field[] {
  return ['seed', 'profile', 'override', 'compare', ...(s.compare.kind === 'overrides' ? (['compareOverride'] as const) : []), 'lang', 'excel'];
}

const other = (p: Platform): Platform => PLATFORMS.find((x) => x !== p) ?? p;
const compareOverridesOf = (s: Settings): readonly string[] => (s.compare.kind === 'overrides' ? s.compare.overrides : []);

function cycleCompare(c: CompareVariant, profile: Platform, step: number): CompareVariant {
  const kinds = ['none', 'profile', 'overrides'] as const;
  const next = kinds[(kinds.indexOf(c.kind) + step + kinds.length) % kinds.length]!;
  if (next === 'profile') return { kind: 'profile', profile: other(profile) };
  if (next === 'overrides') return { kind: 'overrides', overrides: [] };
  return { kind: 'none' };
}

function move(state: FormState, step: number): FormState {
  const fields = fieldsOf(state.settings);
  const i = Math.max(0, fields.indexOf(state.field));
  return { ...state, field: fields[(i + step + fields.length) % fields.length]! };
}

function change(state: FormState, step: number): FormState {
  const s = state.settings;
  switch (state.field) {
    case 'profile': {
      // A "compare with the other profile" variant follows, so it never compares a profile with itself.
      const compare: CompareVariant = s.compare.kind === 'profile' ? { kind: 'profile', profile: s.profile } : s.compare;
      return { ...state, settings: { ...s, profile: other(s.profile), compare } };
    }
    case 'compare':
      return { ...state, settings: { ...s, compare: cycleCompare(s.compare, s.profile, step) }, compareDraft: '' };
    case 'lang':
      return { ...state, settings: { ...s, lang: s.lang === 'en' ? 'zh' : 'en' } };
    case 'excel':
      return { ...state, settings: { ...s, excel: !s.excel } };
    default:
      return state;
  }
}

const ERASE = new Set(['\x7f', '\b']);

/**
 * Applies typed text to a field. A terminal read can carry several keys at once ("5x⌫d" typed quickly, or
 * a paste), so the input is taken character by character: erase characters delete, control characters drop.
 */
export function typeInto(text: string, input: string, erase: boolean): string {
  if (erase && input === '') return text.slice(0, -1);
  let out = text;
  for (const ch of input) {
    if (ERASE.has(ch)) out = out.slice(0, -1);
    else if (ch >= ' ') out += ch;
  }
  return out;
}

function edit(state: FormState, key: KeyPress): FormState {
  const erase = Boolean(key.backspace || key.delete);
  const s = state.settings;
  if (state.field === 'seed') return { ...state, settings: { ...s, seed: typeInto(s.seed, key.input, erase) } };
  if (state.field === 'override') {
    if (erase && state.draft === '') return { ...state, settings: { ...s, overrides: s.overrides.slice(0, -1) } };
    return { ...state, draft: typeInto(state.draft, key.input, erase) };
  }
  if (state.field === 'compareOverride') {
    if (erase && state.compareDraft === '') return { ...state, settings: { ...s, compare: { kind: 'overrides', overrides: compareOverridesOf(s).slice(0, -1) } } };
    return { ...state, compareDraft: typeInto(state.compareDraft, key.input, erase) };
  }
  return state;
}

/** Enter adds a valid override being typed; otherwise it starts the run (a seed is required). */
function enter(state: FormState): FormState {
  const s = state.settings;
  if (state.field === 'override' && state.draft.trim() !== '') {
    const check = checkOverride(state.draft, s.profile, s.overrides);
    if (check.status !== 'ok') return state;
    const overrides = [...s.overrides.filter((o) => !o.startsWith(`${check.param.name}=`)), check.text];
    return { ...state, settings: { ...s, overrides }, draft: '' };
  }
  if (state.field === 'compareOverride' && state.compareDraft.trim() !== '') {
    const current = compareOverridesOf(s);
    const check = checkOverride(state.compareDraft, s.profile, [...s.overrides, ...current]);
    if (check.status !== 'ok') return state;
    return { ...state, settings: { ...s, compare: { kind: 'overrides', overrides: [...current, check.text] } }, compareDraft: '' };
  }
  if (s.seed.trim() === '') return state;
  return { ...state, settings: { ...s, seed: s.seed.trim() }, outcome: 'run' };
}

export function formReducer(state: FormState, key: KeyPress): FormState {
  if (state.outcome) return state;
  if (key.escape) return { ...state, outcome: 'back' };
  if (key.upArrow || (key.tab && key.shift)) return move(state, -1);
  if (key.downArrow || key.tab) return move(state, 1);
  if (key.leftArrow || key.rightArrow) return change(state, key.leftArrow ? -1 : 1);
  if (key.return) return enter(state);
  if (state.field === 'excel' && key.input === ' ') return change(state, 1);
  if (key.backspace || key.delete || (key.input && !key.ctrl && !key.meta)) return edit(state, key);
  return state;
}
