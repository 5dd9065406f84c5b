import type { INodeProperties } from 'n8n-workflow';

import { BOX_ENDPOINTS } from '../../endpoints';
import { operationDescription } from '../displayOptions';
import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['substrate'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many substrates',
				description: operationDescription(
					'List the substrates of the account; one item each, a plain name as {"name": …}',
					BOX_ENDPOINTS.substrateList,
				),
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
