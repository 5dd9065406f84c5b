/**
 * Orders for every operation that takes one: valid orders with odd text, orders broken on purpose
 * where docs/printos-api.md#order-checks makes them invalid, and text or values that are no order.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { validOrder } from '../operations/fixtures';

type OrderBreaker = { path: string; apply: (order: IDataObject) => void };

function orderData(order: IDataObject): IDataObject {
	return order.orderData as IDataObject;
}
function firstItem(order: IDataObject): IDataObject {
	return (orderData(order).items as IDataObject[])[0];
}
function firstComponent(order: IDataObject): IDataObject {
	return (firstItem(order).components as IDataObject[])[0];
}
function firstShipment(order: IDataObject): IDataObject {
	return (orderData(order).shipments as IDataObject[])[0];
}

/** Changes that make any order invalid (docs/printos-api.md#order-checks: required fields, types, non-empty lists, indexes). */
export const ORDER_BREAKERS: OrderBreaker[] = [
	{ path: 'destination', apply: (o) => delete o.destination },
	{ path: 'destination', apply: (o) => (o.destination = 'hp.sandbox-psp') },
	{ path: 'destination.name', apply: (o) => ((o.destination as IDataObject).name = '  ') },
	{ path: 'orderData', apply: (o) => delete o.orderData },
	{ path: 'orderData', apply: (o) => (o.orderData = []) },
	{ path: 'orderData.sourceOrderId', apply: (o) => (orderData(o).sourceOrderId = '') },
	{ path: 'orderData.sourceOrderId', apply: (o) => (orderData(o).sourceOrderId = null) },
	{ path: 'orderData.items', apply: (o) => (orderData(o).items = []) },
	{ path: 'orderData.items', apply: (o) => (orderData(o).items = 'cards') },
	{ path: 'orderData.items', apply: (o) => delete orderData(o).items },
	{ path: 'orderData.items[0].quantity', apply: (o) => (firstItem(o).quantity = 0) },
	{ path: 'orderData.items[0].quantity', apply: (o) => (firstItem(o).quantity = 1.5) },
	{ path: 'orderData.items[0].quantity', apply: (o) => (firstItem(o).quantity = 'many') },
	{ path: 'orderData.items[0].sku', apply: (o) => delete firstItem(o).sku },
	{ path: 'orderData.items[0].sourceItemId', apply: (o) => delete firstItem(o).sourceItemId },
	{ path: 'orderData.items[0].shipmentIndex', apply: (o) => (firstItem(o).shipmentIndex = 3) },
	{ path: 'orderData.items[0].shipmentIndex', apply: (o) => (firstItem(o).shipmentIndex = -1) },
	{ path: 'orderData.items[0].components', apply: (o) => (firstItem(o).components = []) },
	{ path: 'orderData.items[0].components', apply: (o) => delete firstItem(o).components },
	{ path: 'orderData.items[0].components[0].code', apply: (o) => delete firstComponent(o).code },
	{ path: 'orderData.items[0].components[0].path', apply: (o) => delete firstComponent(o).path },
	{ path: 'orderData.items[0].components[0].path', apply: (o) => (firstComponent(o).path = 'not a url') },
	{
		path: 'orderData.items[1].sourceItemId',
		apply: (o) => (orderData(o).items as IDataObject[]).push({ ...structuredClone(firstItem(o)) }),
	},
	{ path: 'orderData.shipments', apply: (o) => (orderData(o).shipments = []) },
	{ path: 'orderData.shipments', apply: (o) => delete orderData(o).shipments },
	{ path: 'orderData.shipments[0].shipTo', apply: (o) => delete firstShipment(o).shipTo },
	{ path: 'orderData.shipments[0].shipTo.name', apply: (o) => delete (firstShipment(o).shipTo as IDataObject).name },
	{ path: 'orderData.shipments[0].shipTo.postcode', apply: (o) => ((firstShipment(o).shipTo as IDataObject).postcode = '') },
	{ path: 'orderData.shipments[0].shipTo.isoCountry', apply: (o) => delete (firstShipment(o).shipTo as IDataObject).isoCountry },
	{ path: 'orderData.shipments[0].carrier', apply: (o) => delete firstShipment(o).carrier },
	{ path: 'orderData.shipments[0].carrier', apply: (o) => (firstShipment(o).carrier = {}) },
];

const freeText = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('ünïcödé 名前', 'O\'Brien & Sons <b>', '"quoted"', 'x'.repeat(500)));

/** A valid order with arbitrary (non-empty) free text and ids. */
export const validOrderArb: fc.Arbitrary<IDataObject> = fc
	.record({
		sourceOrderId: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }).filter((text) => text.trim() !== ''), fc.constantFrom('a/b', '../x', '100%', 'ü-1')),
		customerName: freeText,
		quantity: fc.integer({ min: 1, max: 100_000 }),
		town: freeText.filter((text) => text.trim() !== ''),
	})
	.map(({ sourceOrderId, customerName, quantity, town }) => {
		const order = validOrder(sourceOrderId);
		orderData(order).customerName = customerName;
		firstItem(order).quantity = quantity;
		(firstShipment(order).shipTo as IDataObject).town = town;
		return order;
	});

export interface OrderInput {
	/** The order as given: an object, or text. */
	value: unknown;
	/** Why it is invalid (docs/printos-api.md#order-checks), or undefined. */
	invalid?: string;
	valid?: boolean;
}

export const orderInputArb: fc.Arbitrary<OrderInput> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc
			.record({ order: validOrderArb, breakers: fc.uniqueArray(fc.integer({ min: 0, max: ORDER_BREAKERS.length - 1 }), { minLength: 1, maxLength: 3 }) })
			.map(({ order, breakers }) => {
				const broken = structuredClone(order);
				const paths: string[] = [];
				for (const index of breakers) {
					try {
						ORDER_BREAKERS[index].apply(broken);
						paths.push(ORDER_BREAKERS[index].path);
					} catch {
						// an earlier mutation removed what this one changes: still broken
					}
				}
				return { value: broken, invalid: `broken at ${paths.join(', ') || 'several places'}` };
			}),
	},
	{ weight: 2, arbitrary: validOrderArb.map((order) => ({ value: order, valid: true })) },
	{ weight: 1, arbitrary: validOrderArb.map((order) => ({ value: JSON.stringify(order), valid: true })) },
	{
		weight: 2,
		arbitrary: fc
			.oneof(
				fc.string({ maxLength: 40 }),
				fc.constantFrom('{', '{"destination":', 'null', '[]', '42', '"order"', '{}', ' '),
				fc.integer(),
				fc.constant(null),
				fc.array(fc.integer(), { maxLength: 3 }),
			)
			.map((value) => ({ value, invalid: 'not an order object' })),
	},
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ value })) },
);
