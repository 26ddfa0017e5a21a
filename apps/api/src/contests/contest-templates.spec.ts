import { describe, expect, it } from '@jest/globals';
import { checkBoardRules, checkContestRules, checkPrizes } from '#domain';
import { boardRulesOf, contestRulesOf, storedPrizesOf, storedRulesOf } from '#persistence';
import { checkBody } from '../common/validation.js';
import { CONTEST_TEMPLATES } from './contest-templates.js';
import { CreateContestDto, kindProblems } from './dto/create-contest.dto.js';

describe('CONTEST_TEMPLATES', () => {
  it('offers the common games', () => {
    expect(CONTEST_TEMPLATES.map((t) => t.id)).toEqual([
      'most-licenses-this-week',
      'most-leads-this-week',
      'first-to-10-demos',
      'team-revenue-race',
      'crm-hygiene-streak-week',
    ]);
  });

  it.each(CONTEST_TEMPLATES.map((t) => [t.id, t] as const))(
    'passes every check a posted contest gets when the template is %s',
    (_id, template) => {
      const { value, problems } = checkBody(CreateContestDto, template.contest);
      expect(problems).toEqual([]);
      const request = value.toRequest();
      const stored = storedRulesOf(request);
      expect([
        ...kindProblems(request),
        ...checkContestRules(contestRulesOf(stored, 0)),
        ...checkBoardRules(boardRulesOf(stored)),
        ...checkPrizes(storedPrizesOf(request.prizes)),
      ]).toEqual([]);
    },
  );
});
