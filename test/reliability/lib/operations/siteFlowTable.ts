/**
 * Every operation of the Site Flow node, one row each (types.ts `OperationRow` names the columns),
 * written once and listed for both credentials (index.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { SOURCE_ACCOUNT } from '../world';
import { binaryItem, fromItem, itemsOf, names, pdfBytes, rlFromItem, validOrder } from './fixtures';
import { ordersCreated, submissions } from './effects';
import { eachExisting, existingOrders, existingShipments, existingSourceOrderIds, firstRecord, newOrders, newPdfs, plainInput } from './inputs';
import { submitOrders } from './setup';
import type { FirstRequest, InputBuilder, OperationRow } from './types';

/** Order: Get Many reads two pages: the account gets enough orders first. */
const twoPagesOfOrders: InputBuilder = async (world, count) => {
	if (world.sandbox.core.store.orders.length < 120) await world.sandbox.admin.generateOrders({ count: 120 });
	return await plainInput(world, count, '');
};

/** A submitted order per item, and the same order with a changed customer name to update it with. */
const changedOrders: InputBuilder = async (world, count, tag) => {
	const ids = names(tag, count);
	const orders = await submitOrders(world, ids);
	const rows = orders.map((order, index) => {
		const changed = validOrder(ids[index]);
		(changed.orderData as IDataObject).customerName = 'Reliability (updated)';
		return { orderId: order._id, order: changed };
	});
	return { items: itemsOf(rows) };
};

/** A submitted order per item whose artwork is a file to upload, and that file. */
const ordersAwaitingArtwork: InputBuilder = async (world, count, tag) => {
	const orders = await submitOrders(world, names(tag, count), { upload: true });
	return { items: orders.map((order) => binaryItem({ orderId: order._id }, pdfBytes(String(order._id)), 'card.pdf')) };
};

const ORDER_JSON = { inputMode: 'json', orderJson: fromItem('order') };

/** Order Submit to `target`: a valid order per item, counted afterwards (a duplicate is the worst outcome). */
const submitRow = (variant: string, title: string, target: string, extra: IDataObject = {}, first: FirstRequest = 'lookup'): OperationRow => ({
	node: 'siteFlow',
	resource: 'order',
	operation: 'submit',
	variant,
	title,
	first,
	effect: 'order',
	tokenOnly: target === 'orderService',
	parameters: { submitTarget: target, ...(target === 'routingRule' ? { routingRuleKey: 'rel-routing-key-0001' } : {}), ...ORDER_JSON, ...extra },
	input: newOrders,
	effects: submissions,
});

export const SITE_FLOW_TABLE: OperationRow[] = [
	{ node: 'siteFlow', resource: 'account', operation: 'get', title: 'Account: Get', first: 'retried', effect: 'none' },
	{ node: 'siteFlow', resource: 'file', operation: 'getAll', title: 'File: Get Many', first: 'retried', effect: 'none',
		parameters: { orderId: rlFromItem('orderId'), returnAll: true }, input: eachExisting('orderId', existingOrders) },
	{ node: 'siteFlow', resource: 'file', operation: 'getUploadUrl', title: 'File: Get Upload URL', first: 'retried', effect: 'none', parameters: { mimeType: 'application/pdf' } },
	{ node: 'siteFlow', resource: 'order', operation: 'cancel', title: 'Order: Cancel (by ID)', first: 'retried', effect: 'none',
		parameters: { cancelBy: 'id', orderId: rlFromItem('orderId') }, input: eachExisting('orderId', existingOrders) },
	{ node: 'siteFlow', resource: 'order', operation: 'cancel', variant: 'cancelBySource', title: 'Order: Cancel (by source order ID)', first: 'retried', effect: 'none',
		parameters: { cancelBy: 'source', sourceAccount: SOURCE_ACCOUNT, sourceOrderId: fromItem('sourceOrderId') }, input: eachExisting('sourceOrderId', existingSourceOrderIds) },
	{ node: 'siteFlow', resource: 'order', operation: 'get', title: 'Order: Get (by ID)', first: 'retried', effect: 'none',
		parameters: { getBy: 'id', orderId: rlFromItem('orderId'), simplify: true }, input: eachExisting('orderId', existingOrders) },
	{ node: 'siteFlow', resource: 'order', operation: 'get', variant: 'getBySource', title: 'Order: Get (by source order ID)', first: 'retried', effect: 'none',
		parameters: { getBy: 'sourceOrderId', sourceOrderId: fromItem('sourceOrderId'), simplify: false }, input: eachExisting('sourceOrderId', existingSourceOrderIds) },
	{ node: 'siteFlow', resource: 'order', operation: 'getAll', title: 'Order: Get Many (two pages)', first: 'retried', effect: 'none',
		parameters: { returnAll: true, simplify: true }, input: twoPagesOfOrders },
	submitRow('submit', 'Order: Submit (Site Flow API)', 'siteFlowApi'),
	submitRow('submitOrderService', 'Order: Submit (order service)', 'orderService'),
	submitRow('submitRoutingRule', 'Order: Submit (routing rule)', 'routingRule'),
	// the first request is then the Validate, which is retried
	submitRow('submitValidateFirst', 'Order: Submit (validate first)', 'siteFlowApi', { submitOptions: { validateFirst: true } }, 'retried'),
	{ node: 'siteFlow', resource: 'order', operation: 'update', title: 'Order: Update', first: 'retried', effect: 'none',
		parameters: { orderId: rlFromItem('orderId'), ...ORDER_JSON }, input: changedOrders },
	{ node: 'siteFlow', resource: 'order', operation: 'validate', title: 'Order: Validate', first: 'retried', effect: 'none',
		parameters: ORDER_JSON, input: newOrders, effects: ordersCreated },
	{ node: 'siteFlow', resource: 'orderArtwork', operation: 'upload', title: 'Order Artwork: Upload', first: 'retried', effect: 'none', uploads: true,
		parameters: { binaryPropertyName: 'data', useFor: 'reference' }, input: newPdfs },
	{ node: 'siteFlow', resource: 'orderArtwork', operation: 'uploadOrderFiles', title: 'Order Artwork: Upload Order Files (by order ID)', first: 'retried', effect: 'none', uploads: true,
		parameters: { orderSource: 'orderId', orderId: rlFromItem('orderId'), binaryPropertyNames: '' }, input: ordersAwaitingArtwork },
	{ node: 'siteFlow', resource: 'product', operation: 'get', title: 'Product: Get', first: 'retried', effect: 'none', input: firstRecord('product', 'productId') },
	{ node: 'siteFlow', resource: 'product', operation: 'getAll', title: 'Product: Get Many', first: 'retried', effect: 'none', parameters: { returnAll: true } },
	{ node: 'siteFlow', resource: 'shipment', operation: 'markShipped', title: 'Shipment: Mark as Shipped', first: 'retried', effect: 'none',
		parameters: { shipmentId: fromItem('shipmentId'), shipmentFields: { trackingNumber: '1ZREL0001', carrierCode: 'royalmail' } }, input: eachExisting('shipmentId', existingShipments) },
	{ node: 'siteFlow', resource: 'sku', operation: 'get', title: 'SKU: Get', first: 'retried', effect: 'none', input: firstRecord('sku', 'skuId') },
	{ node: 'siteFlow', resource: 'sku', operation: 'getAll', title: 'SKU: Get Many', first: 'retried', effect: 'none', parameters: { returnAll: true } },
	{ node: 'siteFlow', resource: 'stock', operation: 'getAll', title: 'Stock: Get Many', first: 'retried', effect: 'none', parameters: { returnAll: true } },
];
