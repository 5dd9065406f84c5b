import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signSiteFlowRequest } from './common/authenticate';
import { PLAIN_HTTP_TO_REMOTE_HOST } from './common/environments';

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
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/api',
			description: 'The Site Flow API base, including /api',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Order Service URL',
			name: 'orderServiceUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4011/api',
			description: 'The asynchronous order submission service base, including /api',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName:
				'This URL uses plain http:// to a host other than this machine: requests, answers and signatures travel unencrypted. Use https:// unless the host is on a trusted network.',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { environment: ['custom'], baseUrl: [{ _cnd: { regex: PLAIN_HTTP_TO_REMOTE_HOST } }] } },
		},
		{
			displayName: 'Service User Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			description:
				'Only for service users acting for another account: sent as the x-oneflow-account header. Leave empty otherwise.',
		},
		{
			displayName: 'Algorithm',
			name: 'algorithm',
			type: 'options',
			options: [
				{ name: 'SHA256', value: 'SHA256' },
				{ name: 'SHA1 (Legacy)', value: 'SHA1' },
			],
			default: 'SHA256',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signSiteFlowRequest(credentials, requestOptions);
	}
}
