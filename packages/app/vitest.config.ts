import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Unit and component tests run in jsdom: Taro's platform API is replaced by an in-memory stand-in and
// its components by the plain React versions that the H5 build is made of.
export default defineConfig({
  define: {
    'process.env.TARO_ENV': JSON.stringify('h5'),
    'process.env.TARO_APP_API_BASE_URL': JSON.stringify(''),
    DEPRECATED_ADAPTER_COMPONENT: 'false',
    // Build-time switches of Taro's DOM layer, normally set by the Taro build.
    ENABLE_INNER_HTML: 'true',
    ENABLE_ADJACENT_HTML: 'true',
    ENABLE_SIZE_APIS: 'false',
    ENABLE_TEMPLATE_CONTENT: 'true',
    ENABLE_CLONE_NODE: 'true',
    ENABLE_CONTAINS: 'true',
    ENABLE_MUTATION_OBSERVER: 'false',
  },
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    alias: [
      { find: /^@tarojs\/taro$/, replacement: here('./test/taro-stub.ts') },
      { find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' },
      // Taro's H5 router module sets up pages and the tab bar; tests need only its history.
      { find: /^@tarojs\/router$/, replacement: here('./test/router-history.ts') },
    ],
    // As in the H5 build: `x.h5.ts` stands in for `x.ts`.
    extensions: ['.h5.ts', '.h5.tsx', '.mjs', '.js', '.mts', '.ts', '.jsx', '.tsx', '.json'],
  },
  test: {
    name: 'app',
    root: here('.'),
    environment: 'jsdom',
    include: ['test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    server: { deps: { inline: [/@nutui/, /@tarojs\/components-react/] } },
  },
});
