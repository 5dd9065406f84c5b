import type { INodeProperties } from 'n8n-workflow';

import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { showOnlyFor } from '../../descriptions/displayOptions';
import { listOperation } from '../common/listOperation';
import type { SiteFlowOperation } from '../types';

const getAll = listOperation(SITE_FLOW_ENDPOINTS.stockList, 'Stock: Get Many');

export const operations: Record<string, SiteFlowOperation> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stock'] } },
		options: [
			{ name: 'Get Many', value: 'getAll', action: 'Get many stock items', description: 'List the stock items of the account' },
		],
		default: 'getAll',
	},
	...showOnlyFor('stock', ['getAll'], getAll.description),
];
