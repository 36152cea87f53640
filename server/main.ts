import { ConfigError, loadConfig } from './config/config.js';
import { start } from './start.js';
import { createLogger } from './log/logger.js';
import { DataDirError } from './store/data-dir.js';

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
    const began = performance.now();
    log.info({ signal, graceSeconds: config.shutdown.graceMs / 1000 }, 'stopping: no new connections, requests under way may finish');
    await server.stop();
    // Sessions stay stored: the next start carries on with them.
    log.info({ event: 'shutdown.done', ms: Math.round(performance.now() - began) }, 'stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('webmail failed to start:', err instanceof Error ? err.message : err);
  process.exit(err instanceof DataDirError ? 73 : 1); // EX_CANTCREAT
});
