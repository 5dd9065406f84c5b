import type { INodeProperties } from 'n8n-workflow';

export const simplifyOrderProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a simplified version of the response instead of the raw data: IDs, status, sourceOrderId, items, shipments and tracking',
};
