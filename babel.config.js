// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// Under NODE_ENV=test it emits CommonJS, which is what jest runs.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
