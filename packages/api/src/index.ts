export {
  appRouter,
  createCaller,
  type AppRouter,
  type RouterInputs,
  type RouterOutputs,
} from "./root";
export { createContext, type Context, type CurrentUser } from "./context";
export { AppError } from "./errors";
export { verifyCredentials, type SignInResult } from "./services/auth/verify-credentials";
