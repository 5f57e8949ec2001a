export {
  appRouter,
  createCaller,
  type AppRouter,
  type RouterInputs,
  type RouterOutputs,
} from "./root";
export { createContext, type Context, type CurrentUser, type SessionClaim } from "./context";
export { AppError } from "./errors";
export { verifyCredentials, type SignInResult } from "./services/auth/verify-credentials";
