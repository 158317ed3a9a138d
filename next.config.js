import { env } from "./lib/env.js";
import { securityHeaderRules } from "./lib/http/security-headers.js";

// Fail the build (and `next start`) early when the environment is invalid.
const { NODE_ENV, APP_URL } = env();

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite", "prom-client"],
  poweredByHeader: false,
  // Read at run time, not imported: readiness compares the database with the migrations journal,
  // and migrate() reads the SQL. Traced in, so hosts that ship only traced files (Vercel) have them.
  outputFileTracingIncludes: { "/api/ready": ["./db/migrations/**/*"], "/api/health": ["./db/migrations/**/*"] },
  // Poster uploads go through a server action: 2 MB images plus form overhead.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
  images: { unoptimized: false },
  async headers() {
    return securityHeaderRules({ nodeEnv: NODE_ENV, appUrl: APP_URL });
  },
};

export default nextConfig;
