import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signGatewayRequest } from './common/authenticate';
import { algorithmField, customBaseUrl, plainHttpNotice } from './common/fields';

export class PrintOsApi implements ICredentialType {
	name = 'printOsApi';

	displayName = 'HP PrintOS API';

	icon: Icon = { light: 'file:printos.svg', dark: 'file:printos.dark.svg' };

	documentationUrl = 'https://developers.hp.com/printos/doc/api-authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Key',
			name: 'key',
			type: 'string',
			// Not masked: the key identifies the connector and is no secret. PrintOS shows it in clear
			// on the Application Connectors tab, and every request carries it in clear in the
			// x-hp-hmac-authentication header; only the secret signs (README, "Credentials").
			default: '',
			required: true,
			description:
				'The key of a PrintOS Application Connector (PrintOS > Marketplace > Application Connectors > Add Connector)',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret shown next to the key on the Application Connectors tab',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://printos.api.hp.com' },
				{ name: 'Staging', value: 'staging', description: 'https://stage.printos.api.hp.com' },
				{ name: 'Custom', value: 'custom', description: 'Another gateway root, such as the PrintOS sandbox' },
			],
			default: 'production',
		},
		customBaseUrl('http://127.0.0.1:4010', 'The gateway root; Box lives under /box and Site Flow under /siteflow'),
		plainHttpNotice,
		algorithmField('SHA1 (Legacy, Refused by PrintOS Since 2022)'),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signGatewayRequest(credentials, requestOptions);
	}
}
