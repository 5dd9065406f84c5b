import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest } from '../shared/credentialTest';
import { requestOptionsProperty } from '../shared/requestOptions';
import * as account from './actions/account';
import * as file from './actions/file';
import * as order from './actions/order';
import * as orderArtwork from './actions/orderArtwork';
import * as orderFile from './actions/orderFile';
import { router } from './actions/router';
import * as shipment from './actions/shipment';
import { product, sku } from './actions/common/catalogue';
import * as stock from './actions/stock';
import { listSearch, loadOptions } from './methods';
import { siteFlowAuthentication } from './descriptions/authentication';

export class PrintOsSiteFlow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HP PrintOS Site Flow',
		name: 'printOsSiteFlow',
		icon: { light: 'file:printosSiteFlow.svg', dark: 'file:printosSiteFlow.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Validate, submit and track print orders in HP PrintOS Site Flow',
		defaults: { name: 'HP PrintOS Site Flow' },
		usableAsTool: true,
		// The two lint plugins disagree here; the newer community-nodes rule (NodeConnectionTypes) wins.
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'siteFlowApi',
				required: true,
				testedBy: 'siteFlowApiConnectionTest',
				displayOptions: { show: { authentication: ['siteFlowApi'] } },
			},
			{
				name: 'printOsApi',
				required: true,
				testedBy: 'printOsApiConnectionTest',
				displayOptions: { show: { authentication: ['printOsApi'] } },
			},
		],
		properties: [
			siteFlowAuthentication,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'File', value: 'file' },
					{ name: 'Order', value: 'order' },
					{ name: 'Order Artwork', value: 'orderArtwork' },
					{ name: 'Order File', value: 'orderFile' },
					{ name: 'Product', value: 'product' },
					{ name: 'Shipment', value: 'shipment' },
					{ name: 'SKU', value: 'sku' },
					{ name: 'Stock', value: 'stock' },
				],
				default: 'order',
			},
			...account.description,
			...file.description,
			...order.description,
			...orderArtwork.description,
			...orderFile.description,
			...product.description,
			...shipment.description,
			...sku.description,
			...stock.description,
			requestOptionsProperty,
		],
	};

	methods = { credentialTest, listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
