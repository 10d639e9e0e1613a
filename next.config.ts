import type { NextConfig } from 'next';

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
  ],
  poweredByHeader: false,
};

export default nextConfig;
