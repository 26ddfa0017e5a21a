import type { NextFunction, Request, Response } from 'express';
import { InvalidInputError, type FieldProblem } from '#domain';

const MAX_REPORTED = 20;

function collect(value: unknown, path: string, out: FieldProblem[]): void {
  if (out.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      out.push({ path: path || '(body)', reason: 'must not contain the NUL character' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const at = path === '' ? k : `${path}.${k}`;
      if (k.includes('\u0000')) out.push({ path: at, reason: 'the name must not contain the NUL character' });
      collect(v, at, out);
    }
  }
}

/**
 * Refuses JSON bodies with a NUL character in any string or key: PostgreSQL cannot store it, so it
 * would fail deep inside a transaction instead of as a clear 400.
 */
export function rejectNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  const problems: FieldProblem[] = [];
  collect(req.body as unknown, '', problems);
  next(problems.length > 0 ? new InvalidInputError(problems) : undefined);
}
