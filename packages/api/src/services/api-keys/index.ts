export { authenticateApiKey, requireScope, type ApiCaller } from "./authenticate";
export {
  createApiKey,
  createApiKeyInput,
  listApiKeys,
  revokeApiKey,
  type ApiKeySummary,
} from "./manage-api-keys";
export { createRateLimiter, type RateLimiter } from "./rate-limiter";
export { apiScope, apiScopes, scopeLabels, type ApiScope } from "./scopes";
