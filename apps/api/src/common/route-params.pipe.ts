import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { InvalidInputError, type FieldProblem } from '#domain';
import { unstorableText } from './input-shape.js';

/** Longest path parameter: ids are UUIDs, team keys 64 characters, rep ids 200. */
export const MAX_PARAM_CHARS = 200;

/**
 * Path parameters and query values reach SQL as text: one PostgreSQL cannot store (a NUL from `%00`)
 * would fail the query, so it is refused here, for every route, naming the parameter. Runs before the
 * validation pipe; bodies are checked earlier, by RequestBodyMiddleware.
 */
@Injectable()
export class RouteParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' && metadata.type !== 'query') return value;
    const problems: FieldProblem[] = [];
    const check = (name: string, v: unknown) => {
      const values = Array.isArray(v) ? (v as unknown[]) : [v];
      for (const text of values) {
        if (typeof text !== 'string') continue;
        const reason =
          metadata.type === 'param' && text.length > MAX_PARAM_CHARS
            ? `must be at most ${MAX_PARAM_CHARS} characters`
            : unstorableText(text);
        if (reason !== null) problems.push({ path: name, reason });
      }
    };
    if (metadata.data !== undefined) check(metadata.data, value);
    else if (typeof value === 'object' && value !== null) {
      for (const [name, v] of Object.entries(value)) check(name, v);
    }
    if (problems.length > 0) throw new InvalidInputError(problems);
    return value;
  }
}
