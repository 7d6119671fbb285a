// `@tarojs/taro` in the web tests: the H5 implementation of the APIs plus the React hooks, which the
// H5 build wires together at compile time. The hooks need createH5NativeComponentConfig to have run
// (it hands React to the runtime) or they crash on first use.
const React = require('react')
const ReactDOM = require('react-dom')
const taroH5 = require('@tarojs/taro-h5')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')

runtime.createH5NativeComponentConfig(null, React, ReactDOM)

const hookNames = [
  'useDidHide',
  'useDidShow',
  'useLoad',
  'usePageScroll',
  'usePullDownRefresh',
  'useReachBottom',
  'useReady',
  'useRouter',
  'useShareAppMessage',
  'useShareTimeline',
  'useUnload',
  'useLaunch',
  'useResize',
  'useTabItemTap',
  'useAddToFavorites',
  'useError',
]

// One object serves both `import Taro from` and `import { x } from`, so a test that replaces a
// platform API (navigation, image preview) replaces it for every importer.
const Taro = Object.assign({}, taroH5.default, taroH5)
delete Taro.default
for (const name of hookNames) Taro[name] = runtime[name]

module.exports = Taro
module.exports.default = Taro
module.exports.__esModule = true
