/**
 * The values a previous node may hand over through an expression (`={{ $json.value }}`), of any
 * JSON type, and what the nodes must make of them.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { Auth, NodeName } from '../world';

/** One item whose `value` is the generated value, read by the parameters as `$json.value`. */
export const json = (value: unknown): IDataObject => ({ value: value as IDataObject[keyof IDataObject] });

/** Anything a previous node might hand over as an ID. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.constantFrom('', ' ', '\t\n', '\u00a0') },
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			'../../_sandbox/reset',
			'..',
			'.',
			'%2e%2e%2f',
			'a/b/c',
			'?page=1',
			'#x',
			'%',
			'\u0000',
			'ünïcödé 名前',
			'5a1f0c2e9b1d4a0012c3d4e5',
			'x'.repeat(3000),
			'<script>alert(1)</script>',
			'${process.exit()}',
			'{{ $env.SECRET }}',
		),
	},
	{ weight: 1, arbitrary: fc.integer() },
	{ weight: 1, arbitrary: fc.double({ noNaN: true }) },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.constant(null) },
	{ weight: 1, arbitrary: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }) },
	{ weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }) },
);

/** What the nodes make of a value given for a text parameter. */
export function isBlank(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '';
	return false;
}

/** Copies/quantities: PrintOS asks for a whole number of at least 1. */
export const countValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.integer({ min: -5, max: 1000 }),
	fc.constantFrom(0, 1.5, -1, 1e9, '2', 'two', '', null),
	fc.double({ noNaN: true, min: -10, max: 10 }),
);

/** Numbers and numeric strings alike (the PrintOS samples send both); `null` and '' are no number. */
export const isWholeAtLeastOne = (value: unknown) => value !== null && value !== '' && Number.isInteger(Number(value)) && Number(value) >= 1;

/** A Limit as an expression may give: numbers, numeric strings, words, nothing. */
export const limitValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 1, arbitrary: fc.integer({ min: -5, max: 500 }) },
	{ weight: 2, arbitrary: fc.constantFrom('two', 'all', '', null, '10', 1.5, 0, -1, '1e3') },
);

/** Either credential, for Site Flow operations. */
export const authArb = fc.constantFrom<Auth>('siteFlowApi', 'printOsApi');

/** Site Flow accepts either credential; Box only the gateway key. */
export const authFor = (node: NodeName): fc.Arbitrary<Auth> => (node === 'box' ? fc.constant<Auth>('printOsApi') : authArb);

/** A resource locator whose value is an expression. */
export function locator(mode: string, expression = '={{ $json.value }}'): IDataObject {
	return { __rl: true, mode, value: expression };
}

/** Joins the reasons an input is invalid; undefined when there is none. */
export function invalidBecause(reasons: Array<string | undefined>): string | undefined {
	const found = reasons.filter(Boolean);
	return found.length ? found.join('; ') : undefined;
}
