/**
 * @ideenwand/cluster — local, deterministic "suggested clusters" for a board's ideas (German and
 * English): TF-IDF over Snowball stems, cosine similarity, average-linkage clustering. Pure
 * TypeScript for browser and Node; see README.md for the algorithm and defaults.
 * @module
 */
export { MAX_TEXT_CHARS } from './normalize'
export {
  DEFAULT_SIMILAR_LIMIT,
  DEFAULT_SIMILAR_THRESHOLD,
  type SimilarCandidate,
  type SimilarIndex,
  type SimilarMatch,
  type SimilarOptions,
  similarIdeas,
  similarIndex,
} from './similarIdeas'
export { similarity } from './similarity'
export { detectLanguage, type Language } from './stopWords'
export {
  DEFAULT_MIN_CLUSTER_SIZE,
  DEFAULT_THRESHOLD,
  type IdeaInput,
  MAX_IDEAS,
  type SuggestedCluster,
  type Suggestion,
  type SuggestOptions,
  suggestClusters,
} from './suggestClusters'
export { type LanguageOption, tokenize } from './tokenize'
