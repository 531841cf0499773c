import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { SERVER_ACTION_BODY_LIMIT } from "./lib/drafting/import-limits";

// Messages are compiled at build time, so browsers get no ICU message parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: {
    messages: { path: "./messages", format: "json", locales: "infer", precompile: true },
  },
});

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The database drivers are Node-only and must not be bundled. Yjs must be loaded once per
  // process (its types are checked by constructor): bundled, the server components and the
  // editor's server rendering would each carry a copy of their own.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "yjs"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403.
    authInterrupts: true,
    // Every import the schema accepts must reach the action (Next.js refuses larger bodies).
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT },
  },
  // Release exports and comparisons keep the public addresses of the design
  // (/v/1.0.0.md, /compare/1.0.0...1.1.0) while living in their own routes.
  async rewrites() {
    const version = "\\d+\\.\\d+\\.\\d+";
    return {
      beforeFiles: [
        {
          source: `/standards/:slug/v/:version(${version})/translations/:locale(fr|de).md`,
          destination: "/standards/:slug/exports/:version/translations/:locale/markdown",
        },
        {
          source: `/standards/:slug/v/:version(${version})/translations/:locale(fr|de).json`,
          destination: "/standards/:slug/exports/:version/translations/:locale/json",
        },
        {
          source: `/standards/:slug/v/:version(${version}).md`,
          destination: "/standards/:slug/exports/:version/markdown",
        },
        {
          source: `/standards/:slug/v/:version(${version}).json`,
          destination: "/standards/:slug/exports/:version/json",
        },
        {
          source: `/standards/:slug/compare/:from(${version})...:to(${version})`,
          destination: "/standards/:slug/comparison/:from/:to",
        },
        // A declaration's canonical JSON, /registry/{number}.json.
        {
          source: "/registry/:number(\\d+).json",
          destination: "/registry/:number/json",
        },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default withNextIntl(nextConfig);
