import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidInputError, type FieldProblem } from '#domain';

/** Flattens class-validator's error tree into field paths such as `events[2].amount.minor`. */
export function problemsOf(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent === ''
        ? e.property
        : `${parent}.${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      path,
      reason: message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
    }));
    return [...own, ...problemsOf(e.children ?? [], path)];
  });
}

/** Validation options shared by the global pipe and the hand-validated bodies. */
export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

export function validationExceptionFactory(errors: ValidationError[]): BadRequestException {
  return new BadRequestException(new InvalidInputError(problemsOf(errors)));
}

/** Transforms a plain body into a DTO and returns it with every wire-shape problem (none: valid). */
export function checkBody<T extends object>(
  type: ClassConstructor<T>,
  body: unknown,
): { value: T; problems: FieldProblem[] } {
  const value = plainToInstance(type, body, { enableImplicitConversion: false });
  return { value, problems: problemsOf(validateSync(value, VALIDATION_OPTIONS)) };
}

/** Every problem once, in order (two checks may find the same one). */
export function uniqueProblems(problems: readonly FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
