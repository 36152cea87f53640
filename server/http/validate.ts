import type { z } from 'zod';
import { AppError } from '../errors.js';

/** Parses request input at the boundary; the first problem names its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || undefined;
  throw new AppError('VALIDATION_FAILED', field ? `${field}: ${issue.message}` : issue.message, field ? { field } : {});
}
