import type { NextConfig } from 'next';

/**
 * Every response: no framing, no MIME sniffing, no referrer beyond our origin. The content security
 * policy carries a nonce per request, so the front server (scripts/server.mjs) sets it.
 */
const nextConfig: NextConfig = {
  // Native addons and packages that read their own files (fonts, AFM metrics) at run time must be
  // loaded by Node, not bundled: DuckDB, resvg, pdfkit and the report font.
  serverExternalPackages: [
    '@duckdb/node-api',
    '@duckdb/node-bindings',
    'exceljs',
    'pdfkit',
    'svg-to-pdfkit',
    '@resvg/resvg-js',
    'pptxgenjs',
    'dejavu-fonts-ttf',
    '@node-rs/argon2',
  ],
  // forbidden(): a signed-in role without a page's permission gets app/forbidden.tsx with 403.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
