/**
 * The fields both signing credentials (`PrintOsApi`, `SiteFlowApi`) ask for the same way. The key or
 * token and the secret stay literal in each credential class, where n8n's lint checks that a secret
 * is masked.
 */
import type { INodeProperties } from 'n8n-workflow';

import { PLAIN_HTTP_TO_REMOTE_HOST } from './environments';

/** Shown under a custom Base URL that sends signatures unencrypted to another machine. */
export const plainHttpNotice: INodeProperties = {
	displayName:
		'This URL uses plain http:// to a host other than this machine: requests, answers and signatures travel unencrypted. Use https:// unless the host is on a trusted network.',
	name: 'plainHttpNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { environment: ['custom'], baseUrl: [{ _cnd: { regex: PLAIN_HTTP_TO_REMOTE_HOST } }] } },
};

/** The custom Base URL, shown only for the Custom environment. */
export function customBaseUrl(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		placeholder,
		description,
		displayOptions: { show: { environment: ['custom'] } },
	};
}

/** The HMAC algorithm; how SHA1 is labelled is each service's own. */
export function algorithmField(sha1Name: string): INodeProperties {
	return {
		displayName: 'Algorithm',
		name: 'algorithm',
		type: 'options',
		options: [
			{ name: 'SHA256', value: 'SHA256' },
			{ name: sha1Name, value: 'SHA1' },
		],
		default: 'SHA256',
	};
}
