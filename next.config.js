import { env } from "./lib/env.js";

// Fail the build (and `next start`) early when the environment is invalid.
env();

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  images: { unoptimized: false },
};

export default nextConfig;
