/**
 * "Fetch Full Order": reads the order a postback is about through the shared transport
 * (GET /order/{orderId}, else GET /order/bysourceid/{sourceOrderId}; spec §3.2 O6/O7).
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { SITE_FLOW_ENDPOINTS } from '../SiteFlow/endpoints';
import { PrintOsClient } from '../transport/client';
import type { PrintOsCredentialType } from '../transport/connection';

export interface OrderFetchError {
	message: string;
	httpCode?: string;
	description?: string;
}

export type OrderFetchResult = { order: IDataObject } | { error: OrderFetchError };

/** The postback is answered before the fetch, so a slow PrintOS only delays the workflow. */
const FETCH_TIMEOUT_MS = 30_000;

function unwrapOrder(body: unknown): IDataObject {
	if (typeof body !== 'object' || body === null) return { value: body as string };
	const object = body as IDataObject;
	// some Site Flow answers wrap the order as { order: {...} } (the JS SDK unwraps it too)
	if (object._id === undefined && typeof object.order === 'object' && object.order !== null && !Array.isArray(object.order)) {
		return object.order as IDataObject;
	}
	return object;
}

export async function fetchOrder(
	context: IWebhookFunctions,
	credentialType: PrintOsCredentialType,
	orderId: string | undefined,
	sourceOrderId: string | undefined,
): Promise<OrderFetchResult> {
	if (!orderId && !sourceOrderId) {
		return {
			error: {
				message:
					'The postback carries neither orderId nor sourceOrderId, so the order could not be fetched; add "orderId":"{{_id}}" to the Site Flow template',
			},
		};
	}
	try {
		const client = await PrintOsClient.create(context, credentialType, { timeoutMs: FETCH_TIMEOUT_MS });
		const body = orderId
			? await client.request({
					service: 'siteFlow',
					endpoint: SITE_FLOW_ENDPOINTS.orderGet,
					pathParams: { orderId },
					operation: 'Order: Get',
				})
			: await client.request({
					service: 'siteFlow',
					endpoint: SITE_FLOW_ENDPOINTS.orderGetBySourceId,
					pathParams: { sourceOrderId: sourceOrderId! },
					operation: 'Order: Get by Source Order ID',
				});
		return { order: unwrapOrder(body) };
	} catch (caught) {
		const error = caught as { message?: string; httpCode?: string | null; description?: string | null };
		const result: OrderFetchError = { message: error?.message ?? String(caught) };
		if (error?.httpCode) result.httpCode = String(error.httpCode);
		if (error?.description) result.description = String(error.description);
		return { error: result };
	}
}
