export * from './api.js';
export * from './errors.js';
export * from './mail.js';
export * from './compose.js';
export * from './remote.js';
