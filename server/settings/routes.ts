import { Router } from 'express';
import { SETTINGS_API, settingsPatchSchema, type Settings } from '../../shared/settings.js';
import { AppError } from '../errors.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import { settingsOwner, type SettingsStore } from '../store/settings.js';

/**
 * Whether the runtime knows this IANA zone (its ICU data): the same test the
 * browser's Intl.DateTimeFormat applies when the client formats dates with it.
 * Constructing a formatter, rather than Intl.supportedValuesOf('timeZone'),
 * also accepts aliases such as "UTC" and "Europe/Kiev".
 */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** GET the signed-in user's settings; PATCH some of them. The owner is always the session's. */
export function settingsRoutes(store: SettingsStore): Router {
  const router = Router();

  router.get(SETTINGS_API.settings, (req, res) => {
    const body: Settings = store.get(settingsOwner(sessionOf(req).address));
    res.json(body);
  });

  router.patch(SETTINGS_API.settings, (req, res) => {
    const owner = settingsOwner(sessionOf(req).address);
    // strict(): an unknown key is a client bug or a probe; refuse it rather than store it.
    const patch = parseInput(settingsPatchSchema, req.body);
    if (patch.timeZone && !isKnownTimeZone(patch.timeZone)) {
      throw new AppError('VALIDATION_FAILED', 'timeZone: not a time zone this server knows', { field: 'timeZone' });
    }
    const body: Settings = store.patch(owner, patch);
    res.json(body);
  });

  return router;
}
