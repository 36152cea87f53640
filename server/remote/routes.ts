import { once } from 'node:events';
import { Router } from 'express';
import { REMOTE_API, remoteImageQuerySchema, remoteSenderRequestSchema } from '../../shared/remote.js';
import { AppError } from '../errors.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import type { Logger } from '../log/logger.js';
import { countRemoteImage, type RemoteImageOutcome } from '../metrics/metrics.js';
import type { RemoteSenders } from '../store/remote-senders.js';
import type { ImageProxy } from './image-proxy.js';

export interface RemoteRouteDeps {
  /** null when the admin turned remote images off (WEBMAIL_REMOTE_IMAGES=false). */
  proxy: ImageProxy | null;
  senders: RemoteSenders;
  log: Logger;
}

function outcomeOf(err: unknown): RemoteImageOutcome {
  if (!(err instanceof AppError)) return 'failed';
  switch (err.code) {
    case 'REMOTE_REFUSED':
      return 'refused';
    case 'REMOTE_NOT_IMAGE':
      return 'not_image';
    case 'REMOTE_TOO_LARGE':
      return 'too_large';
    default:
      return 'failed';
  }
}

function hostOf(raw: string): string {
  try {
    return new URL(raw).host;
  } catch {
    return '(invalid)';
  }
}

/** The image proxy and the "always load images from this sender" list (issue 6 part 5). */
export function remoteRoutes({ proxy, senders, log }: RemoteRouteDeps): Router {
  const router = Router();

  router.get(REMOTE_API.image, async (req, res) => {
    const user = sessionOf(req).address;
    // Only the webmail's own pages (the message frame) may use it; another site
    // embedding it would turn a signed-in user's browser into a fetch relay.
    const site = req.get('sec-fetch-site');
    if (site && site !== 'same-origin') throw new AppError('FORBIDDEN_ORIGIN', 'Remote images load only inside the webmail.');
    if (!proxy) {
      countRemoteImage('disabled');
      throw new AppError('REMOTE_DISABLED', 'Remote images are turned off on this server.');
    }
    const { url } = parseInput(remoteImageQuerySchema, req.query);
    let image;
    try {
      image = await proxy.fetch(url);
    } catch (err) {
      const outcome = outcomeOf(err);
      countRemoteImage(outcome);
      // The host only: the rest of a tracker URL identifies the recipient.
      const line = { event: `remote_image.${outcome}`, user, host: hostOf(url), reason: (err as Error).message };
      if (outcome === 'refused') log.warn(line, 'remote image refused');
      else log.info(line, 'remote image not passed');
      throw err;
    }
    res.on('close', () => {
      if (!res.writableFinished) image.abort();
    });
    res.status(200).set({
      'Content-Type': image.contentType,
      'X-Content-Type-Options': 'nosniff',
      // Opened on its own, it is an inert image document: no script, no plugins, no same-origin access.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=86400',
      'Content-Disposition': 'inline',
    });
    if (image.contentLength !== null) res.set('Content-Length', String(image.contentLength));
    try {
      for await (const chunk of image.body) {
        if (!res.write(chunk)) await once(res, 'drain');
      }
      res.end();
      countRemoteImage('ok');
    } catch (err) {
      // Headers are out: a cut-off answer is all that is left to say (the image shows broken).
      countRemoteImage(outcomeOf(err));
      log.info({ event: `remote_image.${outcomeOf(err)}`, user, host: hostOf(url) }, 'remote image transfer stopped');
      res.destroy();
    }
  });

  router.get(REMOTE_API.senders, (req, res) => {
    res.json({ senders: senders.list(sessionOf(req).address) });
  });

  router.put(REMOTE_API.senders, (req, res) => {
    const owner = sessionOf(req).address;
    const { address } = parseInput(remoteSenderRequestSchema, req.body);
    senders.add(owner, address);
    res.json({ senders: senders.list(owner) });
  });

  router.delete(REMOTE_API.senders, (req, res) => {
    const owner = sessionOf(req).address;
    // In the query, not a body: some clients and proxies drop the body of a DELETE.
    const { address } = parseInput(remoteSenderRequestSchema, req.query);
    senders.remove(owner, address);
    res.json({ senders: senders.list(owner) });
  });

  return router;
}
