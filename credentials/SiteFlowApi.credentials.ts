import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signSiteFlowRequest } from './common/authenticate';
import { algorithmField, customBaseUrl, plainHttpNotice } from './common/fields';

export class SiteFlowApi implements ICredentialType {
	name = 'siteFlowApi';

	displayName = 'HP Site Flow API';

	icon: Icon = { light: 'file:printos.svg', dark: 'file:printos.dark.svg' };

	documentationUrl = 'https://hpsiteflow.com/docs/siteflow/api-authentication.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Site Flow access token (existing Site Flow users request it through an HP support ticket)',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret issued with the token',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'https://pro-api.oneflowcloud.com/api and https://orders.oneflow.io/api',
				},
				{ name: 'Custom', value: 'custom', description: 'Other hosts, such as the PrintOS sandbox' },
			],
			default: 'production',
		},
		customBaseUrl('http://127.0.0.1:4010/api', 'The Site Flow API base, including /api'),
		{
			displayName: 'Order Service URL',
			name: 'orderServiceUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4011/api',
			description: 'The asynchronous order submission service base, including /api',
			displayOptions: { show: { environment: ['custom'] } },
		},
		plainHttpNotice,
		{
			displayName: 'Service User Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			description:
				'Only for service users acting for another account: sent as the x-oneflow-account header. Leave empty otherwise.',
		},
		algorithmField('SHA1 (Legacy)'),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signSiteFlowRequest(credentials, requestOptions);
	}
}
