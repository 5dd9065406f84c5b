/**
 * Looks an order up by your sourceOrderId (spec O7). A 404 means "no such order"; any other failure
 * is thrown, since the caller must then not assume either way.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../endpoints';
import { unwrapOrder } from '../order/simplifyOrder';

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** Some deployments may answer with a one-element list; both shapes give the order. */
function orderFromLookup(body: unknown): IDataObject | undefined {
	if (Array.isArray(body)) return body.length ? unwrapOrder(body[0]) : undefined;
	const object = (body ?? {}) as IDataObject;
	if (Array.isArray(object.data)) return object.data.length ? unwrapOrder(object.data[0]) : undefined;
	const order = unwrapOrder(object);
	return Object.keys(order).length ? order : undefined;
}

/** Asks PrintOS; a 404 is thrown as PrintOS's NodeApiError, an empty answer gives `undefined`. */
export async function requestOrderBySourceId(
	client: PrintOsClient,
	sourceOrderId: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const body = await client.request({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.orderGetBySourceId,
		pathParams: { sourceOrderId },
		itemIndex,
		operation: 'Order: Get by Source Order ID',
	});
	return orderFromLookup(body);
}

/** The order, or `undefined` when PrintOS says there is none. */
export async function findOrderBySourceId(
	client: PrintOsClient,
	sourceOrderId: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	let failure: unknown;
	try {
		return await requestOrderBySourceId(client, sourceOrderId, itemIndex);
	} catch (error) {
		failure = error;
	}
	if (isNotFound(failure)) return undefined;
	// already the transport's NodeApiError, with PrintOS's message and status
	throw failure;
}
