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

/** A one-page PDF (business-card size), small enough to embed in a workflow as base64. */
export function businessCardPdfBase64(text = 'n8n-nodes-printos'): string {
	const content = `BT /F1 18 Tf 20 70 Td (${text}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 252 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let pdf = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(pdf.length);
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1').toString('base64');
}

/** Set node (v3.4) fields: a list of [name, value, type]. */
export function setParameters(fields: Array<[string, unknown, 'string' | 'number' | 'boolean' | 'object']>, includeOtherFields = false) {
	return {
		assignments: {
			assignments: fields.map(([name, value, type], i) => ({ id: `f${i}`, name, value, type })),
		},
		includeOtherFields,
		options: {},
	};
}

/** Convert to File (v1.1): a base64 field to a binary "data". */
export function base64ToFileParameters(sourceProperty: string, fileName: string, mimeType = 'application/pdf') {
	return { operation: 'toBinary', sourceProperty, binaryPropertyName: 'data', options: { fileName, mimeType } };
}
