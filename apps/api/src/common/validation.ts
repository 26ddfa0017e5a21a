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

/** Transforms and validates a plain body into a DTO, or throws an {@link InvalidInputError}. */
export function validateBody<T extends object>(type: ClassConstructor<T>, body: unknown, prefix = ''): T {
  const instance = plainToInstance(type, body, { enableImplicitConversion: false });
  const errors = validateSync(instance, VALIDATION_OPTIONS);
  if (errors.length > 0) {
    throw new InvalidInputError(problemsOf(errors, prefix));
  }
  return instance;
}
