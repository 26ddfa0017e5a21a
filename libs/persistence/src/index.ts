export * from './entities/index.js';
export * from './data-source.js';
export * from './mappers/contest.mapper.js';
export * from './repositories/event-ledger.repository.js';
export * from './repositories/standings.repository.js';
export * from './repositories/contests.repository.js';
export * from './repositories/results.repository.js';
export * from './repositories/boards.repository.js';
