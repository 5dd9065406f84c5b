/**
 * Box lists (contacts, substrates, flows) come whole: no paging parameters are published for them,
 * so Return All / Limit is applied here, after the one request.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';
import type { Endpoint } from '../../transport/endpoint';
import { readListEnvelope } from '../../transport/pagination';
import { limitField, returnAllField } from './descriptions';
import { readLimit } from './parameters';
import { asObjects } from './results';

export const returnAllAndLimit: INodeProperties[] = [returnAllField, limitField];

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
