import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { plainToInstance, Transform, type ClassConstructor } from 'class-transformer';
import { ValidateIf, validateSync, type ValidationError } from 'class-validator';
import { InvalidInputError, type FieldProblem } from '#domain';

/** The one reason given for an explicit null where a field does not take one. */
export const NOT_NULL = 'must not be null (leave the field out instead)';

/**
 * An optional field: left out, it is not validated; any value it is given, `null` included, must pass
 * its validators. Use instead of class-validator's `IsOptional`, which lets `null` through unchecked to
 * code that expects a value (the lint config forbids it in the api).
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/**
 * An optional field where `null` means "none" (on a change: clear it): left out or null, it is not
 * validated. Only for fields the api itself answers with null.
 */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined && value !== null);
}

/**
 * A free-form object (event attributes, targets per rep, weights per event type) kept exactly as it was
 * parsed. class-transformer would copy it and silently drop every key that names an inherited method
 * (`toString`, `valueOf`, `hasOwnProperty`), which are legitimate rep ids and attribute names.
 */
export function RawJson(): PropertyDecorator {
  return Transform(({ obj, key }: { obj: unknown; key: string }) =>
    typeof obj === 'object' && obj !== null && Object.hasOwn(obj, key)
      ? (obj as Record<string, unknown>)[key]
      : undefined,
  );
}

/**
 * Flattens class-validator's error tree into field paths such as `events[2].amount.minor`. A field that
 * failed with the value null (it takes no null: {@link Nullable} fields are never validated on null)
 * gets one reason, {@link NOT_NULL}, instead of every type check it failed.
 */
export function problemsOf(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent === ''
        ? e.property
        : `${parent}.${e.property}`;
    if (e.value === null && e.constraints !== undefined) return [{ path, reason: NOT_NULL }];
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
  // The value is kept on each error so that problemsOf can tell a null apart; errors are never sent.
  validationError: { target: false, value: true },
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
