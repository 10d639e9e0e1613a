import type { NextConfig } from 'next';

/**
 * Every response: no framing, no MIME sniffing, no referrer beyond our origin, and a content
 * policy that allows only our own origin. Next's inline hydration scripts and React's style
 * attributes need 'unsafe-inline'; the development server also needs 'unsafe-eval'.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'production' ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

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
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
