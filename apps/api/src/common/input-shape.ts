import { RESERVED_KEYS, type InputBounds } from '#contracts';
import { InvalidInputError, type FieldProblem } from '#domain';

/** Most problems one answer lists; the walk stops there. */
export const MAX_REPORTED = 20;
/** Longest key shown in a problem's path (a hostile key may be a megabyte). */
const SHOWN_KEY = 64;
/** A UTF-16 surrogate without its pair: valid in JSON text, but not storable as UTF-8 text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const RESERVED: ReadonlySet<string> = new Set(RESERVED_KEYS);

/** Why PostgreSQL could not store this text (NUL, lone surrogate), or null. */
export function unstorableText(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it holds a lone surrogate)';
  return null;
}

function stringProblem(value: string, bounds: InputBounds): string | null {
  if (value.length > bounds.chars) return `must be at most ${bounds.chars} characters`;
  return unstorableText(value);
}

function keyPath(parent: string, key: string): string {
  const shown = key.length > SHOWN_KEY ? `${key.slice(0, SHOWN_KEY)}…` : key;
  return parent === '' ? shown : `${parent}.${shown}`;
}

/**
 * Every way a parsed JSON value breaks `bounds` (nesting, keys per object, items per array, string and
 * key length), holds a key that reaches object prototypes (`__proto__`, `constructor`, `prototype`), or
 * holds text PostgreSQL cannot store (NUL, lone surrogates), each with its path. Iterative and linear in
 * the size of the value: an object or array over a bound is reported without walking into it, and the
 * walk stops after {@link MAX_REPORTED} problems. This runs before class-transformer, whose cost grows
 * with the square of the keys of an object.
 */
export function shapeProblems(value: unknown, bounds: InputBounds): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const report = (path: string, reason: string) => problems.push({ path: path || '(body)', reason });
  const stack: { value: unknown; path: string; level: number }[] = [{ value, path: '', level: 1 }];
  while (stack.length > 0 && problems.length < MAX_REPORTED) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const reason = stringProblem(item.value, bounds);
      if (reason !== null) report(item.path, reason);
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.level > bounds.depth) {
      report(item.path, `must not nest deeper than ${bounds.depth} levels`);
      continue;
    }
    const children: { value: unknown; path: string; level: number }[] = [];
    if (Array.isArray(item.value)) {
      const array = item.value as unknown[];
      if (array.length > bounds.items) {
        report(item.path, `must hold at most ${bounds.items} items`);
        continue;
      }
      array.forEach((v, i) => children.push({ value: v, path: `${item.path}[${i}]`, level: item.level + 1 }));
    } else {
      const keys = Object.keys(item.value);
      if (keys.length > bounds.keys) {
        report(item.path, `must have at most ${bounds.keys} keys`);
        continue;
      }
      const object = item.value as Record<string, unknown>;
      for (const key of keys) {
        const at = keyPath(item.path, key);
        if (RESERVED.has(key)) {
          report(at, `is a reserved name: ${RESERVED_KEYS.join(', ')} are refused as keys`);
          continue;
        }
        const reason = stringProblem(key, bounds);
        if (reason !== null) report(at, `the name ${reason}`);
        children.push({ value: object[key], path: at, level: item.level + 1 });
      }
    }
    // Reversed onto the stack, so problems come out in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return problems.slice(0, MAX_REPORTED);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/**
 * The first way the JSON text breaks the size bounds (nesting, keys, items, string and key length),
 * found in one pass over the text without building anything, or null. JSON.parse of an object with
 * 120,000 keys alone takes about 100 ms; this scan of the same text takes a few. The text may be invalid
 * JSON: the parse that follows says so. Lengths count decoded UTF-16 units (`\u00e9` is one).
 */
export function scanJsonBounds(text: string, bounds: InputBounds): FieldProblem | null {
  // One entry per open container: is it an object, how many commas so far, its current key.
  const objects: boolean[] = [];
  const commas: number[] = [];
  const keys: string[] = [];
  let expectKey = false;
  const pathTo = (levels: number): string => {
    let path = '';
    for (let l = 0; l < levels; l++) {
      path += objects[l] ? (path === '' ? keys[l] : `.${keys[l]}`) : `[${commas[l]}]`;
    }
    return path || '(body)';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let length = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === QUOTE) break;
        if (d === BACKSLASH) j += text.charCodeAt(j + 1) === LETTER_U ? 5 : 1;
        length++;
      }
      const top = objects.length - 1;
      if (top >= 0 && objects[top] && expectKey) {
        const raw = text.slice(i + 1, Math.min(j, i + 1 + SHOWN_KEY));
        keys[top] = j - i - 1 > SHOWN_KEY ? `${raw}…` : raw;
        expectKey = false;
        if (length > bounds.chars) {
          return {
            path: pathTo(objects.length),
            reason: `the name must be at most ${bounds.chars} characters`,
          };
        }
      } else if (length > bounds.chars) {
        return { path: pathTo(objects.length), reason: `must be at most ${bounds.chars} characters` };
      }
      i = j;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (objects.length + 1 > bounds.depth) {
        return { path: pathTo(objects.length), reason: `must not nest deeper than ${bounds.depth} levels` };
      }
      objects.push(c === OPEN_OBJECT);
      commas.push(0);
      keys.push('');
      expectKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      objects.pop();
      commas.pop();
      keys.pop();
      expectKey = false;
    } else if (c === COMMA && objects.length > 0) {
      const top = objects.length - 1;
      commas[top]!++;
      const isObject = objects[top]!;
      const limit = isObject ? bounds.keys : bounds.items;
      if (commas[top]! + 1 > limit) {
        return {
          path: pathTo(top),
          reason: isObject ? `must have at most ${limit} keys` : `must hold at most ${limit} items`,
        };
      }
      expectKey = isObject;
    }
  }
  return null;
}

/**
 * A request body read as text, parsed within `bounds`: a JSON object, or an InvalidInputError naming
 * what is wrong (the size bounds are checked on the text before it is parsed, the rest right after).
 */
export function parseJsonBody(text: string, bounds: InputBounds): unknown {
  const tooBig = scanJsonBounds(text, bounds);
  if (tooBig !== null) throw new InvalidInputError([tooBig]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([
      {
        path: '(body)',
        reason: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError([{ path: '(body)', reason: 'must be a JSON object' }]);
  }
  const problems = shapeProblems(value, bounds);
  if (problems.length > 0) throw new InvalidInputError(problems);
  return value;
}
