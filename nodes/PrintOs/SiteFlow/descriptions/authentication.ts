/**
 * Which credential signs Site Flow requests: the Site Flow token, or a PrintOS key through the
 * gateway. The Site Flow node and the Site Flow Order Trigger ask the same way; each node lists
 * the two credentials itself, shown by this parameter's value.
 */
import type { INodeProperties } from 'n8n-workflow';

export const siteFlowAuthentication: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Site Flow Token',
			value: 'siteFlowApi',
			description: 'Token and secret of the Site Flow API (current)',
		},
		{
			name: 'PrintOS Key (Gateway)',
			value: 'printOsApi',
			description: 'Key and secret of a PrintOS application connector; Site Flow through the PrintOS gateway',
		},
	],
	default: 'siteFlowApi',
};
