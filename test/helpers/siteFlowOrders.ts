/**
 * Orders for Site Flow tests: a complete one (JSON mode) and the same as the node's Fields input.
 * Destination and SKU match the sandbox's seed.
 */
import type { OrderFields } from '../../nodes/PrintOs/SiteFlow/order/buildOrderFromFields';

export const DESTINATION = 'hp.sandbox-psp';
export const SKU = 'Business Cards';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseOrder = Record<string, any>;

export function validOrder(sourceOrderId: string, artwork = 'https://example.com/artwork/card.pdf'): LooseOrder {
	return {
		destination: { name: DESTINATION },
		orderData: {
			sourceOrderId,
			customerName: 'Ada',
			items: [
				{
					sourceItemId: `${sourceOrderId}-1`,
					sku: SKU,
					quantity: 1,
					shipmentIndex: 0,
					components: [{ code: 'Content', path: artwork, fetch: true }],
				},
			],
			shipments: [
				{
					shipTo: { name: 'Ada Lovelace', address1: '1 Print Street', town: 'London', postcode: 'N1 9GU', isoCountry: 'GB' },
					carrier: { code: 'royalmail', service: 'firstclass' },
				},
			],
		},
	};
}

export function validOrderFields(sourceOrderId: string, artworkPath: string, fetch = true): OrderFields {
	return {
		destination: DESTINATION,
		sourceOrderId,
		items: {
			item: [
				{
					sourceItemId: `${sourceOrderId}-1`,
					sku: SKU,
					quantity: 2,
					shipmentIndex: 0,
					components: { component: [{ code: 'Content', path: artworkPath, fetch, localFile: false, attributes: '{"pages": 2}' }] },
				},
			],
		},
		shipments: {
			shipment: [
				{
					shipTo: { address: { name: 'Ada Lovelace', address1: '1 Print Street', town: 'London', postcode: 'N1 9GU', isoCountry: 'gb' } },
					carrierType: 'codeService',
					carrierCode: 'royalmail',
					carrierService: 'firstclass',
				},
			],
		},
		additionalFields: { customerName: 'Ada', email: 'ada@example.com', tags: 'rush, n8n' },
	};
}
