export * from './queues.js';
export * from './realtime.js';
export * from './standings.js';
export * from './events.js';
export * from './contests.js';
export * from './results.js';
export * from './access.js';
export * from './limits.js';
