/**
 * PrintOS's own dry run of an order (docs/printos-api.md#order-validate). Safe to retry like a read: it creates nothing. A
 * refusal comes back as HTTP 400 with `error.validations` (the transport lists them all); a
 * third-party source also reports `{success: false, error}` with a success status, handled the same.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';
import { printOsApiError } from '../../transport/apiError';
import { SITE_FLOW_ENDPOINTS } from '../endpoints';

export async function validateOrder(
	client: PrintOsClient,
	node: INode,
	order: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await client.requestWithResponse<IDataObject>({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.orderValidate,
		body: order,
		itemIndex,
		retryMode: 'idempotent',
		operation: 'Order: Validate',
	});
	const body = (response.body ?? {}) as IDataObject;
	if (body.success === false) {
		throw printOsApiError(node, {
			status: response.status,
			body,
			itemIndex,
			// only read for 401/403, which never reach this branch
			credentialDescription: 'the credential',
			operation: 'Order: Validate',
		});
	}
	return body;
}
