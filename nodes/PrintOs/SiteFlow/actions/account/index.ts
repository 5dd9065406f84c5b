import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import type { NodeOperation, OperationResult } from '../../../shared/node/operation';

const get: NodeOperation = {
	description: [],
	async execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
		return await client.request({
			service: 'siteFlow',
			endpoint: SITE_FLOW_ENDPOINTS.accountGet,
			itemIndex,
			operation: 'Account: Get',
		});
	},
};

export const operations: Record<string, NodeOperation> = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get the account', description: 'Get the account of the credential' },
		],
		default: 'get',
	},
];
