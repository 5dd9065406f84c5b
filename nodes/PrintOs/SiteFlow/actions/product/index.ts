import type { INodeProperties } from 'n8n-workflow';

import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { productLocator } from '../../descriptions/locators';
import { describeOperation, showOnlyFor } from '../../descriptions/displayOptions';
import { getByIdOperation } from '../common/getByIdOperation';
import { listOperation } from '../common/listOperation';
import type { SiteFlowOperation } from '../types';

const get = getByIdOperation(SITE_FLOW_ENDPOINTS.productGet, productLocator, 'Product: Get');
const getAll = listOperation(SITE_FLOW_ENDPOINTS.productList, 'Product: Get Many');

export const operations: Record<string, SiteFlowOperation> = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a product',
				description: describeOperation('Get a product', SITE_FLOW_ENDPOINTS.productGet),
			},
			{ name: 'Get Many', value: 'getAll', action: 'Get many products', description: 'List the products of the account' },
		],
		default: 'getAll',
	},
	...showOnlyFor('product', ['get'], get.description),
	...showOnlyFor('product', ['getAll'], getAll.description),
];
