// JSON.parse keeps the last of two equal keys without a word; a scenario file with `"name"` twice is a mistake
// the user should hear about. This walks text JSON.parse has already accepted and finds the first repeated key.
import { formatPath } from './inputError.js';

interface Frame {
  readonly keys: Set<string> | undefined; // undefined for an array
  index: number;
  key: string | number | undefined;
  expectKey: boolean;
}

/** The path of the first key that occurs twice in one object (e.g. "merchants[0].id"), or undefined. */
export function duplicateJsonKey(text: string): string | undefined {
  const stack: Frame[] = [];
  // The keys and indexes leading to the object being read (its own current key excluded).
  const path = (): (string | number)[] =>
    stack.slice(0, -1).map((f) => f.key).filter((k): k is string | number => k !== undefined);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      if (top && top.keys === undefined) top.key = top.index;
      stack.push({ keys: c === '{' ? new Set() : undefined, index: 0, key: undefined, expectKey: c === '{' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && top) {
      if (top.keys) top.expectKey = true;
      else top.index++;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return formatPath([...path(), key]);
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
