/**
 * Which credential a request uses and the base URL each PrintOS service has under it.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	describeEnvironment,
	gatewayServiceBase,
	siteFlowApiBase,
	siteFlowOrderServiceBase,
} from '../../../credentials/common/environments';

export type PrintOsCredentialType = 'printOsApi' | 'siteFlowApi';

/** `siteFlowOrders` is the asynchronous order service; only the Site Flow token reaches it. */
export type PrintOsService = 'box' | 'siteFlow' | 'siteFlowOrders';

export const CREDENTIAL_DISPLAY_NAMES: Record<PrintOsCredentialType, string> = {
	printOsApi: 'HP PrintOS API',
	siteFlowApi: 'HP Site Flow API',
};

export class UnsupportedServiceError extends Error {}

export function serviceBaseUrl(
	credentialType: PrintOsCredentialType,
	credentials: ICredentialDataDecryptedObject,
	service: PrintOsService,
): string {
	if (credentialType === 'printOsApi') {
		if (service === 'box') return gatewayServiceBase(credentials, 'box');
		if (service === 'siteFlow') return `${gatewayServiceBase(credentials, 'siteflow')}/api`;
		throw new UnsupportedServiceError(
			'The asynchronous order service is reached only with the HP Site Flow API credential (token/secret); choose another submission target or credential',
		);
	}
	if (service === 'siteFlow') return siteFlowApiBase(credentials);
	if (service === 'siteFlowOrders') return siteFlowOrderServiceBase(credentials);
	throw new UnsupportedServiceError('PrintOS Box is reached only with the HP PrintOS API credential');
}

/** Identifies the PrintOS account a request spends rate limit on, without any secret. */
export function rateLimitKey(
	credentialType: PrintOsCredentialType,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
): string {
	const identity = credentialType === 'printOsApi' ? credentials.key : credentials.token;
	const origin = baseUrl.replace(/^(https?:\/\/[^/]+).*$/i, '$1');
	return `${credentialType}:${String(identity ?? '')}@${origin}`;
}

export function describeCredential(
	credentialType: PrintOsCredentialType,
	credentials: ICredentialDataDecryptedObject,
): string {
	return `the ${CREDENTIAL_DISPLAY_NAMES[credentialType]} credential (environment: ${describeEnvironment(credentials)})`;
}
