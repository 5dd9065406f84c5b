import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationTable } from '../../shared/node/operation';
import { routeOperation } from '../../shared/node/router';
import type { PrintOsCredentialType } from '../../transport/connection';
import * as account from './account';
import { product, sku } from './common/catalogue';
import * as file from './file';
import * as order from './order';
import * as orderArtwork from './orderArtwork';
import * as orderFile from './orderFile';
import * as shipment from './shipment';
import * as stock from './stock';

const RESOURCES: OperationTable = {
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
	const credentialType = this.getNodeParameter('authentication', 0, 'siteFlowApi') as PrintOsCredentialType;
	return await routeOperation(this, RESOURCES, credentialType);
}
