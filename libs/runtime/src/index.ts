export * from './queue-factory.js';
export * from './standings-bus.js';
export * from './runtime.module.js';
export * from './logging.js';
export * from './enqueue.js';
export * from './dependency-errors.js';
export * from './dependency-state.js';
export * from './redis.js';
export * from './shutdown.js';
export * from './graceful-stop.js';
// The embedded PostgreSQL's code is loaded only when it is started (see embedded-database.ts).
export * from './embedded-database.js';
