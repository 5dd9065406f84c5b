import type { INodeProperties } from 'n8n-workflow';

import * as markShipped from './markShipped.operation';
import { showOnlyFor } from '../../../shared/node/displayOptions';
import type { NodeOperation } from '../../../shared/node/operation';

export const operations: Record<string, NodeOperation> = { markShipped };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shipment'] } },
		options: [
			{
				name: 'Mark as Shipped',
				value: 'markShipped',
				action: 'Mark a shipment as shipped',
				description: 'Record that a shipment left, with its tracking details',
			},
		],
		default: 'markShipped',
	},
	...showOnlyFor('shipment', ['markShipped'], markShipped.description),
];
