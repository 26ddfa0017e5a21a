import { describe, expect, it } from '@jest/globals';
import * as contracts from '#contracts';
import { CONTEST_KINDS, type ContestKind } from './board-rules.js';
import { CONTEST_STATUSES, type ContestStatus } from './contest-lifecycle.js';
import type { PeriodRule } from './contest-window.js';
import type { MetricRule } from './contest-rules.js';
import type { BoardSettings } from './board-settings.js';
import type { MetricUnit } from './metric-unit.js';
import { MOMENT_KINDS, type MomentKind } from './moments.js';
import type { Pace } from './pacing.js';
import { EVENT_TYPE_SHAPES, EVENT_TYPES, type EventType } from './sales-event.js';
import { COACHING_WEEKS, EVENT_TYPE_NATURES, type CoachingTrend, type MetricNature } from './coaching.js';

/**
 * The browser reads the value lists from libs/contracts; the rules here keep their own (domain imports
 * nothing outside itself). These checks fail the typecheck, and the test, the moment the two drift.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(proof: Equal<A, B>): Equal<A, B> => proof;

same<EventType, contracts.EventTypeName>(true);
same<ContestKind, contracts.ContestKind>(true);
same<ContestStatus, contracts.ContestStatus>(true);
same<PeriodRule['kind'], contracts.PeriodKind>(true);
same<MetricRule['kind'], contracts.MetricKind>(true);
same<MomentKind, contracts.MomentKind>(true);
same<contracts.ContestKindInput, contracts.ContestKind>(true);
same<MetricUnit, contracts.MetricUnit>(true);
same<BoardSettings, contracts.BoardSettings>(true);
same<Pace, contracts.Pace>(true);
same<CoachingTrend, contracts.CoachingTrend>(true);
same<MetricNature, contracts.MetricNature>(true);

describe('value lists shared with the browser', () => {
  it.each<[string, readonly string[], readonly string[]]>([
    ['event types', EVENT_TYPES, contracts.EVENT_TYPES],
    ['contest kinds', CONTEST_KINDS, contracts.CONTEST_KINDS],
    ['contest statuses', CONTEST_STATUSES, contracts.CONTEST_STATUSES],
    ['moment kinds', MOMENT_KINDS, contracts.MOMENT_KINDS],
  ])('domain and contracts list the same %s in the same order', (_name, domain, wire) => {
    expect([...domain]).toEqual([...wire]);
  });

  it('names the same measure for every event type when domain and contracts are compared', () => {
    const domain = Object.entries(EVENT_TYPE_SHAPES).map(([type, shape]) => [
      type,
      shape.requires[0] ?? null,
    ]);
    expect(domain).toEqual(Object.entries(contracts.EVENT_TYPE_MEASURES));
  });

  it('classifies every event type as the same outcome or process when domain and contracts are compared', () => {
    expect(Object.entries(EVENT_TYPE_NATURES)).toEqual(Object.entries(contracts.EVENT_TYPE_NATURES));
    expect(COACHING_WEEKS).toBe(contracts.COACHING_WEEKS);
  });
});
