import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The static secret HP Site Flow sends with its postbacks (docs/printos-api.md#postback-auth: postbacks are not signed, so
 * a header token or basic auth set on the Site Flow trigger is the only proof of origin). Used by
 * the HP PrintOS Site Flow Trigger, which also tests it (`testedBy`): the check is local, because
 * the secret is one the n8n side defines and Site Flow only repeats.
 */
export class SiteFlowPostbackAuthApi implements ICredentialType {
	name = 'siteFlowPostbackAuthApi';

	displayName = 'HP Site Flow Postback Auth API';

	icon: Icon = { light: 'file:printos.svg', dark: 'file:printos.dark.svg' };

	documentationUrl = 'https://solutionssupport.ext.hp.com/support/solutions/articles/6000197527-adding-triggers';

	properties: INodeProperties[] = [
		{
			displayName:
				'Choose a random secret here and enter the same values as request headers on the Site Flow trigger. Fill in the header name and token for Header Token authentication, or the user and password for Basic Auth.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'Authorization',
			placeholder: 'X-SiteFlow-Token',
			description:
				'The request header the Site Flow trigger sends the token in (Header Token authentication). Matched case-insensitively.',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The exact header value Site Flow sends (Header Token authentication)',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'The Basic Auth user (Basic Auth authentication)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The Basic Auth password (Basic Auth authentication)',
		},
	];
}
