// Four projects, one command. `server` and `web` need nothing built; `weapp` runs the compiled WeChat
// build (dist/weapp) in miniprogram-simulate; `e2e` drives the H5 build through the real server in
// Chromium. `npm test` builds what the last two need first.
const esmInNodeModules = [
  '@tarojs',
  '@stencil',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'swiper',
  'ssr-window',
  'dom7',
  'nanoid',
  '@noble/hashes',
  'altcha-lib',
]

const aliases = {
  '^@shared/(.*)$': '<rootDir>/cloudfunctions/shared/$1',
  '^@/(.*)$': '<rootDir>/src/$1',
}

const base = {
  rootDir: __dirname,
  transform: { '^.+\\.m?[jt]sx?$': ['babel-jest', { configFile: './babel.config.js' }] },
  // taro-h5 also bundles ESM under its own dist/node_modules, hence the @tarojs exception.
  transformIgnorePatterns: [`^(?!.*/node_modules/@tarojs/).*/node_modules/(?!(${esmInNodeModules.join('|')})/)`],
  moduleNameMapper: aliases,
}

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/{cloudfunctions,server,scripts}/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'web',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/src/**/*.test.{ts,tsx}'],
      setupFiles: ['<rootDir>/test/support/web/setup-env.js'],
      setupFilesAfterEnv: ['<rootDir>/test/support/web/fresh-device.ts'],
      moduleNameMapper: {
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '^@tarojs/taro$': '<rootDir>/test/support/web/taro-shim.js',
        '\\.(css|scss|sass|less)$': '<rootDir>/test/support/web/style-stub.js',
        ...aliases,
      },
    },
    {
      ...base,
      displayName: 'weapp',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
  ],
}
