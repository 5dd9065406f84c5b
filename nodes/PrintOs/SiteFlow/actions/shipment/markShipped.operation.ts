import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Shipment ID',
		name: 'shipmentId',
		type: 'string',
		required: true,
		default: '',
		description: 'The _id of the shipment (orderData.shipments[]._id of the order)',
	},
	{
		displayName: 'Shipment Fields',
		name: 'shipmentFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Carrier Alias', name: 'carrierAlias', type: 'string', default: '', placeholder: 'FDX_STD_OVN' },
			{ displayName: 'Carrier Code', name: 'carrierCode', type: 'string', default: '', placeholder: 'fedex' },
			{ displayName: 'Carrier Service', name: 'carrierService', type: 'string', default: '', placeholder: 'ground' },
			{
				displayName: 'Shipped Date',
				name: 'shippedDate',
				type: 'dateTime',
				default: '',
				description: 'When the shipment left; PrintOS uses the time of the call when empty',
			},
			{ displayName: 'Tracking Number', name: 'trackingNumber', type: 'string', default: '' },
			{
				displayName: 'Tracking URL',
				name: 'trackingUrl',
				type: 'string',
				default: '',
				placeholder: 'https://carrier.example/track/1Z999',
			},
		],
	},
];

interface ShipmentFields {
	carrierAlias?: string;
	carrierCode?: string;
	carrierService?: string;
	shippedDate?: string;
	trackingNumber?: string;
	trackingUrl?: string;
}

/** The optional body of PUT /shipment/shipped/{id}: only what was filled in. */
export function shippedBody(fields: ShipmentFields): IDataObject {
	const body: IDataObject = {};
	const set = (key: string, value: string | undefined) => {
		if (value !== undefined && String(value).trim() !== '') body[key] = String(value).trim();
	};
	set('trackingNumber', fields.trackingNumber);
	set('trackingUrl', fields.trackingUrl);
	if (fields.shippedDate) body.shippedDate = new Date(fields.shippedDate).toISOString();
	const carrier: IDataObject = {};
	if (fields.carrierCode) carrier.code = fields.carrierCode.trim();
	if (fields.carrierService) carrier.service = fields.carrierService.trim();
	if (fields.carrierAlias) carrier.alias = fields.carrierAlias.trim();
	if (Object.keys(carrier).length) body.carrier = carrier;
	return body;
}

export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const shipmentId = requiredText(this, 'shipmentId', itemIndex, 'Shipment ID');
	const fields = this.getNodeParameter('shipmentFields', itemIndex, {}) as ShipmentFields;
	if (fields.shippedDate && Number.isNaN(Date.parse(fields.shippedDate))) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Shipped Date" is not a date: ${fields.shippedDate}`, {
			itemIndex,
		});
	}
	const response = await client.requestWithResponse<IDataObject>({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.shipmentMarkShipped,
		pathParams: { shipmentId },
		body: shippedBody(fields),
		itemIndex,
		operation: 'Shipment: Mark as Shipped',
	});
	if (!response.confirmedByRepeat) return response.body;
	// Site Flow has no shipment lookup: say what is known rather than fail a shipment that shipped
	return {
		success: true,
		shipment: { _id: shipmentId, status: 'shipped' },
		confirmedByRepeat: true,
		note: 'The first attempt lost its answer; PrintOS refused the repeat because the shipment had already shipped, so the first attempt marked it shipped.',
	};
}
