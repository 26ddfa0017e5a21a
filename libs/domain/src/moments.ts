/**
 * What a board celebrates. The same list as `MOMENT_KINDS` in libs/contracts (checked by
 * value-lists.spec.ts): domain imports nothing outside itself.
 */
export type MomentKind = 'big_deal' | 'new_leader' | 'target_reached' | 'prize_won';
export const MOMENT_KINDS: readonly MomentKind[] = ['big_deal', 'new_leader', 'target_reached', 'prize_won'];
