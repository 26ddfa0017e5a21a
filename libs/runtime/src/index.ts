export * from './queue-factory.js';
export * from './standings-bus.js';
export * from './embedded-postgres.js';
export * from './runtime.module.js';
export * from './logging.js';
export * from './enqueue.js';
