// A bad-input error (where and why) and the text helpers that keep its one line one line: characters from the
// input that a terminal would act on (escape sequences, CR, line breaks, bidi overrides) are shown escaped.

/** Control, line-breaking, zero-width and bidi-override characters, as `\u001b`: what the user typed, made visible. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A bad-input error: where and why. `toString()` gives the one line the CLI prints. */
export class InputError {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {}
  toString(): string {
    return printable(`${this.file}: ${this.path || '(root)'}: ${this.reason}`);
  }
}

/** "timeline[3].product" from ["timeline", 3, "product"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
