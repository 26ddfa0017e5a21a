export * from './scoring.module.js';
export * from './score-events.use-case.js';
export * from './rebuild-contest.use-case.js';
export * from './unscored-sweep.service.js';
export * from './scoring.processor.js';
export * from './period-rollover.service.js';
export * from './reconcile-contest.use-case.js';
export * from './reconcile.service.js';
