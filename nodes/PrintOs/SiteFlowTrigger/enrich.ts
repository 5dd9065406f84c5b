/**
 * "Fetch Full Order": reads the order a postback is about through the shared transport
 * (GET /order/{orderId}, else GET /order/bysourceid/{sourceOrderId}; docs/printos-api.md#order-read), through
 * the same order reader as Order: Get, so both give the same order.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { getOrderById, getOrderBySourceId } from '../SiteFlow/order/readOrder';
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
		const order = orderId ? await getOrderById(client, orderId) : await getOrderBySourceId(client, sourceOrderId!);
		if (!order) return { error: { message: `PrintOS holds no order with sourceOrderId "${sourceOrderId}"` } };
		return { order };
	} catch (caught) {
		const error = caught as { message?: string; httpCode?: string | null; description?: string | null };
		const result: OrderFetchError = { message: error?.message ?? String(caught) };
		if (error?.httpCode) result.httpCode = String(error.httpCode);
		if (error?.description) result.description = String(error.description);
		return { error: result };
	}
}
