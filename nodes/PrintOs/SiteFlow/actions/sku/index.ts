import type { INodeProperties } from 'n8n-workflow';

import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { skuLocator } from '../../descriptions/locators';
import { describeOperation, showOnlyFor } from '../../descriptions/displayOptions';
import { getByIdOperation } from '../common/getByIdOperation';
import { listOperation } from '../common/listOperation';
import type { SiteFlowOperation } from '../types';

const get = getByIdOperation(SITE_FLOW_ENDPOINTS.skuGet, skuLocator, 'SKU: Get');
const getAll = listOperation(SITE_FLOW_ENDPOINTS.skuList, 'SKU: Get Many');

export const operations: Record<string, SiteFlowOperation> = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sku'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a SKU',
				description: describeOperation('Get a SKU', SITE_FLOW_ENDPOINTS.skuGet),
			},
			{ name: 'Get Many', value: 'getAll', action: 'Get many SKU records', description: 'List the SKUs of the account' },
		],
		default: 'getAll',
	},
	...showOnlyFor('sku', ['get'], get.description),
	...showOnlyFor('sku', ['getAll'], getAll.description),
];
