import type { FieldProblem } from './domain-error.js';
import { MOMENT_KINDS, type MomentKind } from './moments.js';

/** How a TV board looks and behaves. The same shape as `BoardSettings` in libs/contracts. */
export interface BoardSettings {
  readonly secondsPerSlide: number;
  readonly topN: number;
  readonly theme: 'dark' | 'light';
  readonly language: 'auto' | 'en' | 'nl';
  readonly celebrations: {
    readonly enabled: boolean;
    readonly kinds: readonly MomentKind[];
    readonly sound: boolean;
  };
  readonly bigDeal: { readonly amount: number; readonly currency: string } | null;
  readonly winnersHoldSeconds: number;
}

export const DEFAULT_BOARD_SETTINGS: BoardSettings = {
  secondsPerSlide: 20,
  topN: 10,
  theme: 'dark',
  language: 'auto',
  celebrations: { enabled: true, kinds: MOMENT_KINDS, sound: false },
  bigDeal: null,
  winnersHoldSeconds: 300,
};

export const SECONDS_PER_SLIDE = { min: 5, max: 300 } as const;
export const SCREEN_TOP_N = { min: 1, max: 50 } as const;
export const WINNERS_HOLD_SECONDS = { min: 0, max: 3600 } as const;
/** Largest big-deal threshold in minor units: far inside exact integer arithmetic. */
export const MAX_BIG_DEAL = 1_000_000_000_000;

function wholeIn(value: unknown, range: { min: number; max: number }): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
}

/** Every problem with a board's settings, with paths relative to `prefix`. */
export function checkBoardSettings(settings: BoardSettings, prefix = 'settings.'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const range = (path: string, value: unknown, r: { min: number; max: number }) => {
    if (!wholeIn(value, r))
      problems.push({ path: `${prefix}${path}`, reason: `must be a whole number from ${r.min} to ${r.max}` });
  };
  range('secondsPerSlide', settings.secondsPerSlide, SECONDS_PER_SLIDE);
  range('topN', settings.topN, SCREEN_TOP_N);
  range('winnersHoldSeconds', settings.winnersHoldSeconds, WINNERS_HOLD_SECONDS);
  if (settings.theme !== 'dark' && settings.theme !== 'light') {
    problems.push({ path: `${prefix}theme`, reason: 'must be dark or light' });
  }
  if (!['auto', 'en', 'nl'].includes(settings.language)) {
    problems.push({ path: `${prefix}language`, reason: 'must be auto, en or nl' });
  }
  for (const flag of ['enabled', 'sound'] as const) {
    if (typeof settings.celebrations?.[flag] !== 'boolean') {
      problems.push({ path: `${prefix}celebrations.${flag}`, reason: 'must be true or false' });
    }
  }
  const kinds: readonly MomentKind[] = Array.isArray(settings.celebrations?.kinds)
    ? settings.celebrations.kinds
    : [];
  if (!Array.isArray(settings.celebrations?.kinds)) {
    problems.push({ path: `${prefix}celebrations.kinds`, reason: 'must be a list of moment kinds' });
  }
  kinds.forEach((kind, i) => {
    if (!MOMENT_KINDS.includes(kind)) {
      problems.push({
        path: `${prefix}celebrations.kinds[${i}]`,
        reason: `must be one of ${MOMENT_KINDS.join(', ')}`,
      });
    } else if (kinds.indexOf(kind) !== i) {
      problems.push({ path: `${prefix}celebrations.kinds[${i}]`, reason: 'is listed twice' });
    }
  });
  if (settings.bigDeal !== null) {
    range('bigDeal.amount', settings.bigDeal.amount, { min: 1, max: MAX_BIG_DEAL });
    if (typeof settings.bigDeal.currency !== 'string' || !/^[A-Z]{3}$/.test(settings.bigDeal.currency)) {
      problems.push({ path: `${prefix}bigDeal.currency`, reason: 'must be a three-letter ISO-4217 code' });
    }
  }
  return problems;
}
