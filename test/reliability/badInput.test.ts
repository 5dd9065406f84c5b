/**
 * Bad input, property-based (fast-check): random and malformed orders, IDs, binary properties and
 * Request Options combinations fed into every operation of both nodes (lib/badInput/). Every run
 * must end in success, a NodeApiError or a NodeOperationError with a useful message, never an
 * unhandled exception; input the spec makes invalid is refused before anything is sent (the
 * sandbox's request log stays empty); no run sends more than a bounded number of requests or hangs.
 *
 * Runs are seeded (RELIABILITY_SEED, default 20261122) so a failure reproduces; RELIABILITY_RUNS
 * sets the runs per operation (default 30).
 */
import fc from 'fast-check';

import { FUZZ_SPECS, REQUEST_BUDGET, runFuzzCase, type FuzzCase } from './lib/badInput';
import { itLeaksNoSecret, useWorld } from './useWorld';

jest.setTimeout(120_000);

const world = useWorld();
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261122);
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 30);

/** A short, reproducible description of a failing input. */
function show(input: FuzzCase): string {
	return JSON.stringify({ auth: input.auth, parameters: input.parameters, items: input.items.map((item) => ({ json: item.json, binary: Object.keys(item.binary ?? {}) })), requestOptions: input.requestOptions }).slice(0, 1500);
}

beforeAll(() => {
	// a sentinel order: an ID that escaped its path (say to /_sandbox/reset) would wipe it
	world().sandbox.core.store.addOrder({ _id: 'ffffffffffffffffffffffff', source: { name: 'sentinel' }, destination: { name: 'sentinel' }, orderData: { sourceOrderId: 'SENTINEL', status: 'dataready', items: [], shipments: [] }, files: [] });
});

describe.each(FUZZ_SPECS.map((spec) => [spec.id, spec] as const))('%s', (_id, spec) => {
	it(`ends every run in success or a clear node error, and sends nothing for invalid input (${RUNS} runs)`, async () => {
		await fc.assert(
			fc.asyncProperty(spec.arbitrary, async (input) => {
				const verdict = await runFuzzCase(world(), spec, input);
				if (!world().sandbox.core.store.order('ffffffffffffffffffffffff')) throw new Error(`the sandbox lost its sentinel order: a request escaped its path\n${show(input)}`);
				if (verdict.problems.length) throw new Error(`${verdict.problems.join('\n')}\ninput: ${show(input)}`);
			}),
			{ numRuns: RUNS, seed: SEED, endOnFailure: true },
		);
	});
});

/**
 * A Limit that is a word once became `pagesize=NaN`: no page was ever "short", and Order: Get Many
 * walked pages forever while Product/SKU/Stock: Get Many returned nothing. It is refused now.
 */
describe('a Limit that is not a number', () => {
	it.each(['order', 'sku'])('%s: Get Many refuses it (or treats it sanely) within a bounded number of requests', async (resource) => {
		// an account without orders (a new PSP account): the list answer then has no page count
		world().sandbox.admin.reset({});
		const spec = FUZZ_SPECS.find((candidate) => candidate.id === `siteFlow.${resource}.getAll`)!;
		const verdict = await runFuzzCase(world(), spec, {
			auth: 'siteFlowApi',
			parameters: { resource, operation: 'getAll', returnAll: false, limit: '={{ "two" }}' },
			items: [{ json: {} }],
			requestOptions: { pacePerMinute: 0, retryBaseMs: 5 },
		});
		expect(verdict.problems).toEqual([]);
		expect(verdict.requests).toBeLessThanOrEqual(REQUEST_BUDGET);
		expect(verdict.outcome).toBe('refusedLocally');
	});
});

itLeaksNoSecret(world, 50);
