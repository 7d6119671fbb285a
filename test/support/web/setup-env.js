// What Taro's H5 build defines at compile time, so the same modules run under jest + jsdom.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
process.env.FRAMEWORK = 'react'

Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
})

// jsdom has no layout, hence no IntersectionObserver; Taro's lazy <Image> needs one. Here everything
// observed counts as on screen, as it would be for a short page.
if (typeof globalThis.IntersectionObserver === 'undefined') {
  globalThis.IntersectionObserver = class IntersectionObserver {
    constructor(callback) {
      this.callback = callback
    }
    observe(target) {
      Promise.resolve().then(() => this.callback([{ target, isIntersecting: true, intersectionRatio: 1 }], this))
    }
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return []
    }
  }
}

// The back end these pages talk to runs in this same jsdom process, and its proof-of-work driver uses
// Web Crypto and TextEncoder, which Node and browsers have and jsdom lacks: give the process Node's.
if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: require('node:crypto').webcrypto, configurable: true })
}
if (typeof globalThis.TextEncoder === 'undefined') {
  Object.assign(globalThis, { TextEncoder: require('node:util').TextEncoder })
}
