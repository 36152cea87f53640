import { EMPTY_FILTER_SET, WEBMAIL_SCRIPT_NAME, type FilterSet, type FilterState } from '../../shared/filters.js';
import type { SieveClient } from '../sieve/client.js';
import { readForm, toCrlf } from './form.js';
import { generateScript } from './generate.js';

/**
 * What the filter screen shows: the active script (else the webmail's own, inactive), as a form
 * when it is the webmail's and unchanged, as raw Sieve otherwise.
 */
export async function readFilters(client: SieveClient): Promise<FilterState> {
  const scripts = await client.listScripts();
  const shown = scripts.find((s) => s.active) ?? scripts.find((s) => s.name === WEBMAIL_SCRIPT_NAME) ?? null;
  const script = shown ? ((await client.getScript(shown.name)) ?? '') : '';
  const form = shown ? readForm(script) : EMPTY_FILTER_SET;
  return {
    mode: form ? 'form' : 'raw',
    form: form ?? EMPTY_FILTER_SET,
    scriptName: shown?.name ?? null,
    active: shown?.active ?? false,
    script,
    scripts,
    extensions: client.capabilities.sieve,
  };
}

/**
 * Stores `script` as the webmail's script and makes it the active one. The server checks it first
 * (CHECKSCRIPT, RFC 5804 §2.12, where offered; PUTSCRIPT checks again, §2.6): a script it refuses
 * changes nothing, and the refusal (SIEVE_INVALID) carries the server's own message. Another
 * script that was active stays on the server, inactive.
 */
export async function installScript(client: SieveClient, script: string): Promise<void> {
  const text = toCrlf(script);
  if (client.capabilities.version) await client.checkScript(text);
  await client.putScript(WEBMAIL_SCRIPT_NAME, text);
  await client.setActive(WEBMAIL_SCRIPT_NAME);
}

export function saveForm(client: SieveClient, set: FilterSet): Promise<void> {
  return installScript(client, generateScript(set));
}
