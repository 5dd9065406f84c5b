/**
 * The one way the package reads a Site Flow order: Order Get, Cancel, Update, Submit (its result and
 * its lookup after a lost connection), Order File Download, Order Artwork, the order list search and
 * the trigger's Fetch Full Order all come through here, so the same order comes out the same way.
 *
 * PrintOS answers an order in several envelopes: the order itself, `{order: {...}}`
 * (docs/printos-api.md#order-submit), and for lookups possibly a one-element list or `{data: [...]}`.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../endpoints';

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** `{order: {...}}` gives the order inside; anything else is taken as the order itself. */
export function unwrapOrder(body: unknown): IDataObject {
	const object = asObject(body);
	const inner = asObject(object.order);
	return Object.keys(inner).length && (inner._id !== undefined || inner.orderData !== undefined) ? inner : object;
}

/** The order of an answer in any of its envelopes, or `undefined` when the answer holds none. */
export function orderFromAnswer(body: unknown): IDataObject | undefined {
	if (Array.isArray(body)) return body.length ? unwrapOrder(body[0]) : undefined;
	const data = asObject(body).data;
	if (Array.isArray(data)) return data.length ? unwrapOrder(data[0]) : undefined;
	const order = unwrapOrder(body);
	return Object.keys(order).length ? order : undefined;
}

/** The order with Site Flow's `_id`; an answer holding no order gives an empty object. */
export async function getOrderById(
	client: PrintOsClient,
	orderId: string,
	itemIndex?: number,
	operation = 'Order: Get',
): Promise<IDataObject> {
	const body = await client.request({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.orderGet,
		pathParams: { orderId },
		itemIndex,
		operation,
	});
	return orderFromAnswer(body) ?? {};
}

/** The order with your sourceOrderId; a 404 is thrown as PrintOS's NodeApiError, an empty answer gives `undefined`. */
export async function getOrderBySourceId(
	client: PrintOsClient,
	sourceOrderId: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const body = await client.request({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.orderGetBySourceId,
		pathParams: { sourceOrderId },
		itemIndex,
		operation: 'Order: Get by Source Order ID',
	});
	return orderFromAnswer(body);
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/**
 * The order with your sourceOrderId, or `undefined` when PrintOS says there is none (404 included).
 * Any other failure is thrown, since the caller must then not assume either way.
 */
export async function findOrderBySourceId(
	client: PrintOsClient,
	sourceOrderId: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	let failure: unknown;
	try {
		return await getOrderBySourceId(client, sourceOrderId, itemIndex);
	} catch (error) {
		failure = error;
	}
	if (isNotFound(failure)) return undefined;
	// already the transport's NodeApiError, with PrintOS's message and status
	throw failure;
}
