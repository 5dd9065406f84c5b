/**
 * Reading a PrintOS list answer (docs/printos-api.md#paging): where the records are and whether the
 * page count can be trusted. Listing itself (pages, limits, bounds) is tested through the real
 * client in test/transport/transport.test.ts ("pagination").
 */
import { readListEnvelope } from '../../nodes/PrintOs/transport/pagination';

describe('readListEnvelope', () => {
	it('takes a bare array as one whole page', () => {
		expect(readListEnvelope([{ n: 1 }, { n: 2 }])).toEqual({ data: [{ n: 1 }, { n: 2 }], pages: 1, count: 2 });
	});

	it.each(['data', 'items', 'results'])('finds the records under "%s" with the page count and total', (key) => {
		expect(readListEnvelope({ [key]: [{ n: 1 }], pages: 3, count: 25 })).toEqual({ data: [{ n: 1 }], pages: 3, count: 25 });
	});

	it('prefers "data" when an answer has several lists', () => {
		expect(readListEnvelope({ results: [{ n: 2 }], items: [{ n: 3 }], data: [{ n: 1 }] }).data).toEqual([{ n: 1 }]);
	});

	it('reads page count and total given as text', () => {
		expect(readListEnvelope({ data: [], pages: '4', count: '31' })).toEqual({ data: [], pages: 4, count: 31 });
	});

	it.each([
		['missing', undefined],
		['zero', 0],
		['negative', -2],
		['not a number', 'many'],
		['infinite', Infinity],
	])('does not trust a page count that is %s', (_what, pages) => {
		expect(readListEnvelope({ data: [{ n: 1 }], pages }).pages).toBeUndefined();
	});

	it('keeps a total of 0, and drops one that is not a number', () => {
		expect(readListEnvelope({ data: [], count: 0 }).count).toBe(0);
		expect(readListEnvelope({ data: [], count: 'lots' }).count).toBeUndefined();
	});

	it('skips a key that is not a list', () => {
		expect(readListEnvelope({ data: 'none', items: [{ n: 1 }] }).data).toEqual([{ n: 1 }]);
	});

	it.each([
		['an object without a list', { success: true }],
		['null', null],
		['nothing', undefined],
	])('reads %s as one empty page', (_what, body) => {
		expect(readListEnvelope(body)).toEqual({ data: [], pages: 1 });
	});
});
