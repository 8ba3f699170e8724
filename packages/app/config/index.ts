import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

// npm nests a few Taro packages under this package (their peer ranges clash with the workspace's vite),
// so webpack must look here as well as in the workspace root.
const ownModules = path.resolve(__dirname, '..', 'node_modules');
// The domain's pure rules (`@xiaocang/domain/rules`, the password rule, the figures' definitions) are TypeScript sources, compiled with the app's own.
const domainSources = path.resolve(__dirname, '..', '..', 'domain', 'src');

// Both NutUI and our own styles are written against a 375 px wide design, so one unit maps to 2 rpx.
export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'xiaocang',
    date: '2026-11-22',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist',
    plugins: ['@tarojs/plugin-html'],
    // Always defined, so the bundle never reads `process` at run time (there is none in a browser).
    env: { TARO_APP_API_BASE_URL: JSON.stringify(process.env.TARO_APP_API_BASE_URL ?? '') },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [domainSources] },
      webpackChain(chain) {
        chain.resolve.modules.add('node_modules').add(ownModules);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [domainSources] },
      webpackChain(chain) {
        chain.resolve.modules.add('node_modules').add(ownModules);
        // Components shared by several pages load once instead of being copied into every page chunk.
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              shared: { name: 'shared', chunks: 'async', minChunks: 2, priority: -5, reuseExistingChunk: true },
            },
          },
        });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
