import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Seed assessments are real 200 KB documents; parsing and validating them takes a moment on 2 cores.
    testTimeout: 30_000,
  },
});
