import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'next-env.d.ts',
      'bench/results/**',
      'bench/.cache/**',
      'coverage/**',
      'dist/**',
    ],
  },
];
export default config;
