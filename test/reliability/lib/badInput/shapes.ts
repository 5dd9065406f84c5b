/**
 * The two shapes most operations share: one object given by ID, and a list with Return All / Limit.
 * One generator each, so every such operation is fed the same kinds of bad input.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { NodeName } from '../world';
import type { FuzzSpec } from './types';
import { requestOptionsArb } from './requestOptions';
import { anyValue, authFor, isBlank, isWholeAtLeastOne, json, limitValue, locator } from './values';

/** An operation on one object given by ID (Box resource locator with ID/URL/list modes, or a Site Flow text/locator). */
export function byId(id: string, node: NodeName, parameters: IDataObject, name: string, options: { boxLocator?: boolean; siteFlowLocator?: boolean } = {}): FuzzSpec {
	const valueArb = options.boxLocator
		? fc.oneof(
				anyValue.map((value) => ({ mode: 'id', value, invalid: isBlank(value) ? `an empty ${name}` : undefined })),
				fc
					.constantFrom('https://www.printos.com/box/org/5a1f0c2e9b1d4a0012c3d4e5/view', 'https://www.printos.com/box/', 'not a link at all', 'https://example.com/abc')
					.map((value) => ({ mode: 'url', value, invalid: /[0-9a-f]{24}/.test(value) ? undefined : `a ${name} link without an ID` })),
			)
		: anyValue.map((value) => ({ mode: options.siteFlowLocator ? 'id' : 'plain', value, invalid: isBlank(value) ? `an empty ${name}` : undefined }));
	return {
		id,
		node,
		arbitrary: fc.record({ auth: authFor(node), pick: valueArb, requestOptions: requestOptionsArb }).map(({ auth, pick, requestOptions }) => ({
			auth,
			parameters: { ...parameters, [name]: pick.mode === 'plain' ? '={{ $json.value }}' : locator(pick.mode) },
			items: [{ json: json(pick.value) }],
			requestOptions,
			invalid: pick.invalid,
		})),
	};
}

/** Return All / Limit in any combination; a Limit must be a whole number of at least 1. */
export function listing(id: string, node: NodeName, parameters: IDataObject, extra: fc.Arbitrary<IDataObject> = fc.constant({})): FuzzSpec {
	return {
		id,
		node,
		arbitrary: fc
			.record({ auth: authFor(node), returnAll: fc.boolean(), limit: limitValue, extra, requestOptions: requestOptionsArb })
			.map(({ auth: chosen, returnAll, limit, extra: more, requestOptions }) => ({
				auth: chosen,
				parameters: { ...parameters, returnAll, limit: '={{ $json.value }}', ...more },
				items: [{ json: json(limit) }],
				requestOptions,
				invalid: !returnAll && !isWholeAtLeastOne(limit) ? 'a limit that is not a whole number of at least 1' : undefined,
			})),
	};
}
