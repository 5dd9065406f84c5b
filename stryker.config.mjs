// Mutation testing of the package's critical modules: `npm run mutation` (scripts/mutation.ts runs
// Stryker on Node 24). Results: docs/dev/mutation.md; the incremental report under reports/mutation/
// is committed, so a run after a change tests only the mutants that change touches.

/** The modules whose every rule must be pinned by a test (issue 16). */
export const CRITICAL_MODULES = [
	'credentials/common/signing.ts',
	'credentials/common/authenticate.ts',
	'nodes/PrintOs/transport/retryPolicy.ts',
	'nodes/PrintOs/transport/client.ts',
	'nodes/PrintOs/transport/pacer.ts',
	'nodes/PrintOs/transport/pagination.ts',
	'nodes/PrintOs/SiteFlow/order/findOrderProblems.ts',
	'nodes/PrintOs/SiteFlowTrigger/verify.ts',
	'nodes/PrintOs/SiteFlowTrigger/payload.ts',
	'nodes/PrintOs/shared/upload/presignedPut.ts',
	'nodes/PrintOs/shared/upload/presignedUpload.ts',
	'nodes/PrintOs/shared/storageExchange.ts',
	'nodes/PrintOs/transport/retryLoop.ts',
	'nodes/PrintOs/transport/httpExchange.ts',
	'nodes/PrintOs/SiteFlowTrigger/xmlFields.ts',
];

/**
 * The modules' own tests: unit tests and the transport's probe-node tests. The node, sandbox and
 * reliability suites cover the same code again through whole workflows, at seconds per test; a
 * mutant must be caught by the module's own tests.
 */
export const OWN_TESTS = [
	'<rootDir>/test/unit/**/*.test.ts',
	'<rootDir>/test/transport/**/*.test.ts',
	'<rootDir>/test/sandbox/auth.test.ts',
	'<rootDir>/test/nodes/siteFlow/orderModel.test.ts',
	'<rootDir>/test/nodes/trigger/triggerUnits.test.ts',
	'<rootDir>/test/nodes/box/uploadModules.test.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	packageManager: 'npm',
	mutate: CRITICAL_MODULES,
	testRunner: 'jest',
	jest: {
		projectType: 'custom',
		configFile: 'jest.config.js',
		config: { testMatch: OWN_TESTS },
		// Jest's related-test search follows imports only below the test roots, so a test reaching a
		// module through another file (credentials.test.ts → PrintOsApi → authenticate.ts) was left out.
		// The dry run takes every own test; per-test coverage still runs each mutant's own tests only.
		enableFindRelatedTests: false,
	},
	// each mutant runs only the tests that reached it in the dry run
	coverageAnalysis: 'perTest',
	checkers: ['typescript'],
	tsconfigFile: 'tsconfig.json',
	disableTypeChecks: '{credentials,nodes,sandbox,test}/**/*.ts',
	incremental: true,
	incrementalFile: 'reports/mutation/incremental.json',
	reporters: ['progress', 'clear-text', 'json'],
	jsonReporter: { fileName: 'reports/mutation/last-run.json' },
	clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
	concurrency: 2,
	timeoutMS: 10_000,
	tempDirName: '.stryker-tmp',
	ignorePatterns: ['dist', 'docs', 'examples', 'reports', '.sandbox-data', 'test-results', 'coverage', '*.tgz'],
};
