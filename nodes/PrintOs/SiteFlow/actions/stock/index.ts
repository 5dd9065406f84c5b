import type { INodeProperties } from 'n8n-workflow';

import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { listOperation } from '../common/listOperation';
import { showOnlyFor } from '../../../shared/node/displayOptions';
import type { NodeOperation } from '../../../shared/node/operation';

const getAll = listOperation(SITE_FLOW_ENDPOINTS.stockList, 'Stock: Get Many');

export const operations: Record<string, NodeOperation> = { getAll };

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
