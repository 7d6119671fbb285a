import { readFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')

// The contracts, policy texts and shared data (regions) live outside src (shared with the cloud functions), and
// valibot ships ES2020 syntax; Taro's babel rule only covers src and @tarojs packages, so all are listed explicitly.
const compileInclude = [
  path.join(root, 'cloudfunctions', 'shared', 'contracts'),
  path.join(root, 'cloudfunctions', 'shared', 'policy'),
  path.join(root, 'cloudfunctions', 'shared', 'data'),
  /node_modules[\\/]valibot[\\/]/,
]

// Taro only injects TARO_APP_* variables found in .env files; reading the shell here lets a CI or a
// developer set them per build (`TARO_APP_CLOUD_ENV=prod-1a2b node scripts/build.mjs weapp`).
// Values from .env files, when present, still take precedence (Taro merges them after this config).
const publicEnv = {
  TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
  TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
  // Recorded in the server's security log with each login.
  TARO_APP_CLIENT_VERSION: JSON.stringify(clientVersion()),
  // Alipay's 智能客服 (contact-button): the enterprise code and chat window code from 支付宝云客服; unset, the
  // Alipay build shows no customer-service button.
  TARO_APP_ALIPAY_TNT_INST_ID: JSON.stringify(process.env.TARO_APP_ALIPAY_TNT_INST_ID ?? ''),
  TARO_APP_ALIPAY_CONTACT_SCENE: JSON.stringify(process.env.TARO_APP_ALIPAY_CONTACT_SCENE ?? ''),
  // The ICP filing number for an H5 build on static hosting (CloudBase); the self-hosted server's
  // ICP_BEIAN, read at run time, takes precedence (src/platform/icp-beian.h5.tsx).
  TARO_APP_ICP_BEIAN: JSON.stringify(process.env.TARO_APP_ICP_BEIAN ?? ''),
}

function clientVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }
  return pkg.version ?? '0.0.0'
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhineng-shijie',
    date: '2025-01-01',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // The Taro 4.2 CLI registers the weapp, alipay and h5 platform plugins itself from --type
    // (@tarojs/cli dist/cli.js); listing one here is deduplicated and changes nothing.
    plugins: [],
    env: publicEnv,
    defineConstants: {},
    alias: {
      '@shared': path.join(root, 'cloudfunctions', 'shared'),
      '@': path.join(root, 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: compileInclude },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      // Taro splits H5 pages into async chunks but only shares modules between initial ones, so every page
      // chunk carried its own copy of the api client, the consent shell and valibot. Modules two pages
      // share go into one async chunk instead, loaded once.
      webpackChain(chain) {
        chain.optimization.splitChunks({
          ...chain.optimization.get('splitChunks'),
          cacheGroups: {
            ...chain.optimization.get('splitChunks')?.cacheGroups,
            pagesShared: { chunks: 'async', minChunks: 2, priority: -5, reuseExistingChunk: true },
          },
        })
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
