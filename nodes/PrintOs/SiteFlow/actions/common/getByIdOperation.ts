/**
 * "Get" of one record by the ID a resource locator gives (product, SKU).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import type { Endpoint } from '../../../transport/endpoint';
import { pathParameters } from '../../../transport/endpoint';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import { requiredText } from '../../../shared/node/parameters';
import type { NodeOperation, OperationResult } from '../../../shared/node/operation';

/** Some answers wrap the record as `{data: {...}}`; the record is what a workflow wants. */
function unwrapRecord(body: unknown): IDataObject {
	const object = (body ?? {}) as IDataObject;
	const data = object.data;
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : object;
}

export function getByIdOperation(
	endpoint: Endpoint,
	locator: INodeProperties,
	operationName: string,
): NodeOperation {
	const [pathParameter] = pathParameters(endpoint);
	return {
		description: [...unconfirmedPathNotice(endpoint), locator],
		async execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
			const id = requiredText(this, locator.name, itemIndex, locator.displayName);
			const body = await client.request({
				service: 'siteFlow',
				endpoint,
				pathParams: { [pathParameter]: id },
				itemIndex,
				operation: operationName,
			});
			return unwrapRecord(body);
		},
	};
}
