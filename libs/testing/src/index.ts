export * from './test-services.js';
export * from './podium-process.js';
export * from './api-client.js';
export * from './schema-drift.js';
