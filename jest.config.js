/** Native-ESM Jest (Nest 12 is ESM-only): run through `node --experimental-vm-modules`. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^#domain$': '<rootDir>/libs/domain/src/index.ts',
  '^#contracts$': '<rootDir>/libs/contracts/src/index.ts',
  '^#persistence$': '<rootDir>/libs/persistence/src/index.ts',
  '^#config$': '<rootDir>/libs/config/src/index.ts',
  '^#testing$': '<rootDir>/libs/testing/src/index.ts',
  '^#runtime$': '<rootDir>/libs/runtime/src/index.ts',
  '^#scoring$': '<rootDir>/libs/scoring/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: '.',
};

export default {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
      // e2e suites start real processes against shared PostgreSQL and Redis.
      testTimeout: 60000,
    },
    {
      ...common,
      displayName: 'browser',
      // The real built pages, served by a real Podium, in Debian's Chromium (playwright-core).
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
      testTimeout: 90000,
    },
  ],
};
