/**
 * Box lists (contacts, substrates, flows) come whole: no paging parameters are published for them,
 * so Return All / Limit is applied here, after the one request.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';
import type { Endpoint } from '../../transport/endpoint';
import { readListEnvelope } from '../../transport/pagination';
import { asObjects } from './results';
import { unconfirmedPathNotice } from '../../shared/node/displayOptions';
import type { NodeOperation } from '../../shared/node/operation';
import { returnAllLimitProperties } from '../../shared/node/returnAllLimit';
import { readLimit } from '../../shared/numbers';

/** Entries of a Box list answer: a bare array, or `items`/`data`/`results` of an object. */
export function listEntries(body: unknown, nameKey = 'name'): IDataObject[] {
	const entries = Array.isArray(body) ? (body as unknown[]) : readListEnvelope(body).data;
	return asObjects(entries, nameKey);
}

export async function fetchList(
	context: IExecuteFunctions,
	client: PrintOsClient,
	endpoint: Endpoint,
	itemIndex: number,
	operation: string,
): Promise<IDataObject[]> {
	const limit = readLimit(context, itemIndex);
	const body = await client.request({ service: 'box', endpoint, itemIndex, operation });
	const entries = listEntries(body);
	return limit === undefined ? entries : entries.slice(0, limit);
}

/** Get Many of a Box list: Return All / Limit over the one answer. */
export function listOperation(endpoint: Endpoint, operationName: string): NodeOperation {
	return {
		description: [...unconfirmedPathNotice(endpoint), ...returnAllLimitProperties],
		async execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number) {
			return await fetchList(this, client, endpoint, itemIndex, operationName);
		},
	};
}
