/** What the generator reads from a parsed 403: the parser's denial, as the forbidden-samples contract defines it. */
export type { Denial as DenialFacts, DenialSubject, MissingRule } from '../forbidden/types';
