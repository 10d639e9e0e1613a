import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The DuckDB native addon must be loaded by Node, not bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings', 'exceljs'],
  poweredByHeader: false,
};

export default nextConfig;
