import type { NextFunction, Request, Response } from 'express';
import { InvalidInputError, type FieldProblem } from '#domain';

const MAX_REPORTED = 20;
/** Deeper JSON is refused: no sales event needs it, and walking it costs stack and time. */
export const MAX_DEPTH = 32;
/** A UTF-16 surrogate without its pair: valid in JSON text, but not storable as UTF-8 text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it holds a lone surrogate)';
  return null;
}

/**
 * Problems with a JSON body that PostgreSQL could not store (NUL characters, lone surrogates, in
 * strings or keys) or that is nested deeper than {@link MAX_DEPTH}. Walks the body without recursion.
 */
export function unstorableInput(body: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < MAX_REPORTED) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = stringProblem(value);
      if (reason !== null) problems.push({ path: path || '(body)', reason });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) {
      problems.push({ path: path || '(body)', reason: `must not nest deeper than ${MAX_DEPTH} levels` });
      continue;
    }
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((v, i): [string, unknown] => [`${path}[${i}]`, v])
      : Object.entries(value).map(([k, v]): [string, unknown] => {
          const at = path === '' ? k : `${path}.${k}`;
          const reason = stringProblem(k);
          if (reason !== null) problems.push({ path: at, reason: `the name ${reason}` });
          return [at, v];
        });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [at, v] = entries[i]!;
      stack.push({ value: v, path: at, depth: depth + 1 });
    }
  }
  return problems.slice(0, MAX_REPORTED);
}

/**
 * Refuses bodies PostgreSQL could not store or that nest absurdly deep, with the path of each
 * problem, before any validation or write runs.
 */
export function rejectUnstorableInput(req: Request, _res: Response, next: NextFunction): void {
  const problems = unstorableInput(req.body as unknown);
  next(problems.length > 0 ? new InvalidInputError(problems) : undefined);
}
