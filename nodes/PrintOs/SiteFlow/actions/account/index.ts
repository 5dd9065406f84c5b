import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import type { OperationResult } from '../../../shared/node/operation';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('account', 'get', {
	get: {
		name: 'Get',
		action: 'Get the account',
		description: 'Get the account of the credential',
		operation: {
			description: [],
			async execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
				return await client.request({
					service: 'siteFlow',
					endpoint: SITE_FLOW_ENDPOINTS.accountGet,
					itemIndex,
					operation: 'Account: Get',
				});
			},
		},
	},
});
