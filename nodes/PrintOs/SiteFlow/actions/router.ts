/**
 * Runs the chosen operation for every input item: one client per execution (so pacing and retries
 * follow the Request Options), items in parallel up to "Items in Parallel", each output paired with
 * its item, and per-item "Continue On Fail".
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequestOptions } from '../../shared/requestOptions';
import { PrintOsClient } from '../../transport/client';
import type { PrintOsCredentialType } from '../../transport/connection';
import { runItems } from '../../transport/items';
import * as account from './account';
import * as file from './file';
import * as order from './order';
import * as orderArtwork from './orderArtwork';
import * as orderFile from './orderFile';
import * as product from './product';
import * as shipment from './shipment';
import * as sku from './sku';
import * as stock from './stock';
import type { SiteFlowOperation } from './types';

const RESOURCES: Record<string, Record<string, SiteFlowOperation>> = {
	account: account.operations,
	file: file.operations,
	order: order.operations,
	orderArtwork: orderArtwork.operations,
	orderFile: orderFile.operations,
	product: product.operations,
	shipment: shipment.operations,
	sku: sku.operations,
	stock: stock.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = RESOURCES[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const credentialType = this.getNodeParameter('authentication', 0, 'siteFlowApi') as PrintOsCredentialType;
	const settings = readRequestOptions(this);
	const client = await PrintOsClient.create(this, credentialType, settings.client);
	const output = await runItems(
		this,
		client,
		async (itemIndex) => await operation.execute.call(this, client, itemIndex),
		settings.concurrency,
	);
	return [output];
}
