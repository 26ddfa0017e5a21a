export * from './podium-config.js';
