import type { INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../descriptions/displayOptions';
import type { SiteFlowOperation } from '../types';
import * as markShipped from './markShipped.operation';

export const operations: Record<string, SiteFlowOperation> = { markShipped };

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
