import { ConfigError, loadConfig } from './config/config.js';
import { start } from './start.js';
import { createLogger } from './log/logger.js';

/** `npm start`: read the configuration once, start, and stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const server = await start(config, log);
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await server.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('webmail failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
