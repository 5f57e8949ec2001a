import type { NextConfig } from "next";

const config: NextConfig = {
  // A separate build folder lets several checkouts or engineers build and test side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Internal packages are TypeScript source, compiled by Next.
  transpilePackages: ["@boomerang/api", "@boomerang/db", "@boomerang/domain", "@boomerang/ui"],
  // PGlite loads its WebAssembly and data files at run time; bundling it breaks every request.
  serverExternalPackages: ["@electric-sql/pglite"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default config;
