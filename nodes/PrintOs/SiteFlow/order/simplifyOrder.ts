/**
 * The "Simplify" view of an order: what a workflow usually branches on (ids, status, items,
 * shipments and tracking) instead of the full document, which carries logs, defaults and files.
 */
import type { IDataObject } from 'n8n-workflow';

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function asList(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.map(asObject) : [];
}

function pick(source: IDataObject, keys: string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
	return result;
}

export function simplifyOrder(order: IDataObject): IDataObject {
	const orderData = asObject(order.orderData);
	const shipments = asList(orderData.shipments).map((shipment, index): IDataObject => ({
		...pick(shipment, ['_id', 'sourceShipmentId', 'status', 'carrier', 'trackingNumber', 'trackingUrl', 'shippedDate']),
		shipmentIndex: shipment.shipmentIndex ?? index,
	}));
	return {
		_id: order._id,
		sourceOrderId: orderData.sourceOrderId,
		status: orderData.status ?? order.status,
		source: asObject(order.source).name,
		destination: asObject(order.destination).name,
		items: asList(orderData.items).map((item) =>
			pick(item, ['_id', 'sourceItemId', 'sku', 'quantity', 'status', 'shipmentIndex']),
		),
		shipments,
		tracking: shipments
			.filter((shipment) => shipment.trackingNumber || shipment.trackingUrl)
			.map((shipment) => pick(shipment, ['shipmentIndex', '_id', 'trackingNumber', 'trackingUrl', 'shippedDate'])),
	};
}
