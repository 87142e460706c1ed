/**
 * The paths that take a draft list file for the what-if (the API's and the staff screen's), and
 * the body size they accept: a list file is larger than any other request (a region's runs to
 * ~250 KB), so these two, and only these, take more than TEGIN_BODY_LIMIT.
 */
import { MAX_DRAFT_BYTES } from '../../app/analytics/analytics.ts';

/** The draft's bytes and room for the rest of the request (JSON escapes, a form's parts). */
export const DRAFT_BODY_LIMIT = 2 * MAX_DRAFT_BYTES;

const DRAFT_PATH =
  /^(\/api\/v1\/ops\/analytics\/whatif|\/(kk|ru|en)\/staff\/analytics\/KZ-\d{2}\/whatif)$/;

export const DRAFT_PATH_EXAMPLE = '/api/v1/ops/analytics/whatif';

export const isDraftPath = (path: string): boolean => DRAFT_PATH.test(path);
