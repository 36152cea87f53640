// The test mail stack's public API: tests, the CLI, benchmarks and the demo
// import from here. Each concern lives in its own small module.
export { startMailStack, stopMailStack, mailStackStatus, currentStack, type MailStack } from './stack.js';
export { createUser, userHome, type TestUser } from './users.js';
export { deliver, type RawMessage } from './deliver.js';
export { DOMAIN, HOST, DEFAULT_PORTS } from './config.js';
export { seedRealisticMail } from './seed.js';
export { seedBulkMailbox } from './bulk.js';
export { SEEDED, type SeedSummary, type SeededAttachment } from './seeded.js';
export { CORPUS, CORPUS_DIR, corpusMail, type CorpusMail } from './corpus.js';
export { folderMessageCount } from './mailbox-admin.js';
export { readDovecotLog, readSink, waitForMessage, type SinkMessage } from './inspect.js';
