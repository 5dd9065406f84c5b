/** Shared test data: orders the sandbox accepts (its seeded destination, SKU and component). */
import { CREDENTIAL_REFS, credentialRef } from '../../scripts/lib/credentials';

export const SANDBOX_DESTINATION = 'hp.sandbox-psp';
export const SANDBOX_SKU = 'Business Cards';
export const SANDBOX_COMPONENT = 'Content';

/** A unique sourceOrderId (Site Flow rejects duplicates; a PSP guide advises fewer than 15 characters). */
export function uniqueSourceOrderId(prefix: string): string {
	return `${prefix}${Date.now().toString(36).slice(-6)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export function sampleOrder(sourceOrderId: string, artworkUrl = 'https://example.com/artwork/business-card.pdf') {
	return {
		destination: { name: SANDBOX_DESTINATION },
		orderData: {
			sourceOrderId,
			customerName: 'E2E Test Shop',
			email: 'customer@example.com',
			items: [
				{
					sourceItemId: `${sourceOrderId}-1`,
					sku: SANDBOX_SKU,
					quantity: 1,
					components: [{ code: SANDBOX_COMPONENT, path: artworkUrl, fetch: true }],
				},
			],
			shipments: [
				{
					shipTo: { name: 'Ada Lovelace', address1: '1 Print Street', town: 'London', postcode: 'EC1A 1BB', isoCountry: 'GB' },
					carrier: { code: 'royalmail', service: 'firstclass' },
				},
			],
		},
	};
}

export const creds = {
	gateway: credentialRef(CREDENTIAL_REFS.gateway),
	siteFlow: credentialRef(CREDENTIAL_REFS.siteFlow),
	postback: credentialRef(CREDENTIAL_REFS.postback),
	smtp: credentialRef(CREDENTIAL_REFS.smtp),
};

/** n8n's HTTP Request node (v4.2, in both 1.123 and 2.41) using one of our credentials. */
export function httpRequestParameters(
	credentialType: 'printOsApi' | 'siteFlowApi',
	method: string,
	url: string,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		method,
		url,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: credentialType,
		options: {},
		...extra,
	};
}
