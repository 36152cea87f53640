import { criteriaToQuery, isSearch, SEARCH_FIELDS, searchCriteriaShape, type SearchCriteria } from '../../../shared/search.js';

/**
 * Search criteria in the URL (the hash's query part, so reload and back/forward
 * keep a search) and in query keys: the same fields the API reads
 * (shared/search.ts). A field that does not parse is left out rather than
 * failing the whole route, as a hand-edited URL deserves.
 */

export type Criteria = Partial<SearchCriteria>;

export function parseCriteria(query: string): Criteria | null {
  const params = new URLSearchParams(query);
  const out: Record<string, unknown> = {};
  for (const field of SEARCH_FIELDS) {
    const raw = params.get(field);
    if (raw === null) continue;
    const parsed = searchCriteriaShape[field].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) out[field] = parsed.data;
  }
  const criteria = out as Criteria;
  return isSearch(criteria) ? criteria : null;
}

/** Fields in a fixed order, so equal criteria give equal strings (URLs, query keys). */
export function formatCriteria(criteria: Criteria): string {
  return new URLSearchParams(criteriaToQuery(criteria)).toString();
}
