/**
 * The shape of the code, checked by `npm test` (`depcruise`). Each rule says what may not depend on what;
 * type-only imports count too, except where a rule says otherwise.
 */
const DOMAIN = '^cloudfunctions/shared/domain/'

module.exports = {
  forbidden: [
    {
      name: 'domain-is-infrastructure-free',
      comment:
        'The domain talks to ports: never to drivers, hosts, the handler adapter, the function registry or an SDK.',
      severity: 'error',
      from: { path: DOMAIN },
      to: {
        path: [
          '^cloudfunctions/shared/(drivers|hosts|functions|jobs)/',
          '^cloudfunctions/shared/core/handler\\.ts$',
          '^node_modules/(@cloudbase|better-sqlite3|altcha-lib|croner)/',
          '^server/',
        ],
      },
    },
    {
      name: 'one-domain-reaches-another-through-its-index',
      comment:
        'Another domain is used only through what its index.ts exports; common/ is shared by all. This also ' +
        'keeps every collection with its owner: only a domain itself imports its collections.ts.',
      severity: 'error',
      from: { path: `${DOMAIN}([^/]+)/` },
      to: {
        path: `${DOMAIN}[^/]+/`,
        pathNot: [`${DOMAIN}$1/`, `${DOMAIN}common/`, `${DOMAIN}[^/]+/index\\.ts$`],
      },
    },
    {
      name: 'domain-names-only-its-own-collections',
      comment: 'The merged collections.ts is for drivers, hosts and scripts; a domain imports its own declarations.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: '^cloudfunctions/shared/collections\\.ts$' },
    },
    {
      name: 'drivers-do-not-know-the-domain',
      severity: 'error',
      from: { path: '^cloudfunctions/shared/(drivers|ports)/' },
      to: { path: [DOMAIN, '^cloudfunctions/shared/(hosts|functions|jobs)/'] },
    },
    {
      name: 'services-below-features',
      comment: 'Pages → features → services → transport: the api layer knows nothing of the UI above it.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(features|pages|packages|components)/' },
    },
    {
      name: 'features-below-pages',
      severity: 'error',
      from: { path: '^src/(features|components)/' },
      to: { path: '^src/(pages|packages)/' },
    },
    {
      name: 'components-do-not-call-services',
      comment: 'Components render what hooks give them; talking to the back end is the hooks’ job.',
      severity: 'error',
      from: { path: ['^src/components/', '^src/features/[^/]+/components/'] },
      to: { path: '^src/services/' },
    },
    {
      name: 'the-app-does-not-reach-the-server',
      comment: 'The client shares contracts, pure rules and data with the back end, never its runtime.',
      severity: 'error',
      from: { path: '^src/' },
      to: {
        path: '^(cloudfunctions|server)/',
        pathNot: '^cloudfunctions/shared/(contracts|data|policy)/',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(cloudfunctions|server|src)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: ['^dist/', '^cloudfunctions/[^/]+/index\\.js$', '^\\.cache/'] },
  },
}
