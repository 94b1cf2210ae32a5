import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests (happy-dom) sit beside their module; integration tests live in test/integration
// and run in Node against the local Atlos stand-in over real HTTP.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.tsx',
      'entrypoints/**/*.test.{ts,tsx}',
      'test/integration/**/*.test.ts',
      'test/standin/**/*.test.ts',
    ],
    setupFiles: ['test/setup/vitest-setup.ts'],
    restoreMocks: true,
    testTimeout: 30_000,
  },
});
