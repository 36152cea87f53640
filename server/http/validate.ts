import type { z } from 'zod';
import { AppError } from '../errors.js';

/** Parses request input at the boundary; the first problem names its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // A key a strict schema does not know is the field to name, not its parent object.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  const field = path.join('.') || undefined;
  throw new AppError('VALIDATION_FAILED', field ? `${field}: ${issue.message}` : issue.message, field ? { field } : {});
}
