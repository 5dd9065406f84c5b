/** The Request Options of both nodes, generated in every combination, and which of them the node must refuse. */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

/** Request Options in every combination, bounded: pacing off or fast, short backoffs, sane timeouts. */
export const requestOptionsArb: fc.Arbitrary<IDataObject> = fc.record(
	{
		concurrency: fc.oneof(fc.integer({ min: -3, max: 200 }), fc.constantFrom(1.5, 0)),
		pacePerMinute: fc.oneof(fc.constant(0), fc.integer({ min: 2000, max: 1_000_000 })),
		maxRetries: fc.integer({ min: -1, max: 10 }),
		retryBaseMs: fc.integer({ min: 1, max: 20 }),
		timeoutSeconds: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.constant(0.5)),
	},
	{ requiredKeys: ['retryBaseMs'] },
);

/** Request Options the node must refuse: counts below their minimum or not whole. */
export function requestOptionsProblem(options: IDataObject): string | undefined {
	const whole = (value: unknown, min: number) => value === undefined || (Number.isInteger(value) && (value as number) >= min);
	if (!whole(options.concurrency, 0)) return 'an Items in Parallel that is not a whole number of at least 0 (0: automatic)';
	if (!whole(options.maxRetries, 0)) return 'a negative Max Retries';
	if (!whole(options.pacePerMinute, 0)) return 'a negative Max Requests per Minute';
	return undefined;
}
