/** Site Flow order endpoints (docs/printos-api.md#orders), for both the gateway and the native API. */
import type { ApiContext, Handler } from '../context';
import { HttpError, isObject } from '../http';
import { objectId } from '../ids';
import { expandOrder } from '../orders/expand';
import { listOrders } from '../orders/list';
import { checkOrder, createOrder } from '../orders/submit';
import type { ApiResult, Json } from '../types';

const NOT_FOUND = { success: false, error: { message: 'Order not found', name: 'NotFound', code: 404 } };

function notFound(): HttpError {
	return new HttpError(404, 'Order not found', NOT_FOUND);
}

/** An order is visible to the account that sent it and to the PSP it was sent to. */
export function visibleOrder(context: ApiContext, order: Json | undefined): Json {
	const account = context.account.name;
	if (!order || (order.source?.name !== account && order.destination?.name !== account)) throw notFound();
	return order;
}

function orderById(context: ApiContext, id: string): Json {
	return visibleOrder(context, context.core.store.order(id));
}

function submit(context: ApiContext, routingRuleKey?: string): ApiResult {
	const problem = checkOrder(context.core, context.body, context.account);
	if (problem) return { status: 400, body: problem.body };
	const order = createOrder(context.core, context.body as Json, context.account, context.origin, { routingRuleKey });
	return { status: 201, body: { order, success: true }, persist: 'now' };
}

function mergeList(target: Json[], patch: unknown, protectedKeys: string[]): boolean {
	if (!Array.isArray(patch)) return false;
	let changed = false;
	patch.forEach((entry, index) => {
		if (!isObject(entry) || !target[index]) return;
		for (const [key, value] of Object.entries(entry)) {
			if (protectedKeys.includes(key)) continue;
			target[index][key] = value;
			changed = true;
		}
	});
	return changed;
}

function update(context: ApiContext): ApiResult {
	const order = orderById(context, context.params.orderId);
	if (!isObject(context.body)) throw new HttpError(400, 'The body must be a JSON object of orderData fields');
	if (order.orderData.status === 'cancelled') throw new HttpError(400, 'Order is cancelled and cannot be updated');
	const patch: Json = isObject(context.body.orderData) ? context.body.orderData : context.body;
	let shipmentsChanged = false;
	for (const [key, value] of Object.entries(patch)) {
		if (key === 'status' || key === 'sourceOrderId' || key === '_id') continue;
		if (key === 'shipments') shipmentsChanged = mergeList(order.orderData.shipments, value, ['_id', 'status', 'shipmentIndex']);
		else if (key === 'items') mergeList(order.orderData.items, value, ['_id', 'status', 'components']);
		else order.orderData[key] = value;
	}
	order.updatedAt = context.core.clock.iso();
	order.__v = Number(order.__v ?? 0) + 1;
	if (shipmentsChanged) context.core.postbacks.emit('Shipment Updated', { order, fields: {} });
	context.core.changed();
	return { status: 200, body: { order, success: true } };
}

function includes(query: URLSearchParams): Set<string> {
	const out = new Set<string>();
	for (const [key, value] of query) if (key === 'includes' || key.startsWith('includes[')) value.split(',').forEach((part) => out.add(part.trim()));
	return out;
}

export const orderHandlers = {
	orderValidate: (context) => {
		const problem = checkOrder(context.core, context.body, context.account);
		if (problem) return { status: 400, body: problem.body };
		const order = expandOrder(context.body as Json, { catalogue: context.core.catalogue, source: context.account, nowMs: context.core.clock.now() });
		return { status: 200, body: order };
	},
	orderSubmit: (context) => submit(context),
	orderSubmitByRoutingRule: (context) => submit(context, context.params.routingRuleKey),
	orderList: (context) => ({ status: 200, body: listOrders(context.core.store.ordersOf(context.account.name), context.query) }),
	orderGetBySourceId: (context) => ({
		status: 200,
		body: visibleOrder(context, context.core.store.orderBySource(context.account.name, context.params.sourceOrderId)),
	}),
	orderDetails: (context) => {
		const order = orderById(context, context.params.orderId);
		const wanted = includes(context.query);
		return {
			status: 200,
			body: {
				order,
				orderId: order._id,
				...(wanted.has('shipments') ? { shipments: order.orderData.shipments } : {}),
				...(wanted.has('files') ? { files: order.files } : {}),
			},
		};
	},
	orderGet: (context) => ({ status: 200, body: orderById(context, context.params.orderId) }),
	orderCancelBySource: (context) => {
		const order = visibleOrder(context, context.core.store.orderBySource(context.params.sourceAccount, context.params.sourceOrderId));
		return { status: 200, body: { order: context.core.lifecycle.cancel(order), success: true } };
	},
	orderCancel: (context) => ({
		status: 200,
		body: { order: context.core.lifecycle.cancel(orderById(context, context.params.orderId)), success: true },
	}),
	orderUpdate: update,
	shipmentMarkShipped: (context) => {
		const order = visibleOrder(context, context.core.store.orderByShipment(context.params.shipmentId));
		const shipment = order.orderData.shipments.find((entry: Json) => entry._id === context.params.shipmentId);
		const details = isObject(context.body) ? context.body : {};
		context.core.lifecycle.ship(order, shipment, details);
		return { status: 200, body: { shipment, order, success: true } };
	},
} satisfies Record<string, Handler>;

/** Order service (docs/printos-api.md#order-submit): stores first, answers at once, reports problems as submission errors. */
export const orderServiceHandlers = {
	orderSubmit: (context) => {
		const core = context.core;
		const _id = objectId();
		const timestamp = core.clock.iso();
		const url = `${context.origin}/_submissions/${_id}`;
		core.store.submissions.set(_id, context.body ?? null);
		const problem = checkOrder(core, context.body, context.account);
		if (problem) {
			const body = context.body as Json | undefined;
			const failure = {
				_id,
				sourceOrderId: body?.orderData?.sourceOrderId !== undefined ? String(body.orderData.sourceOrderId) : null,
				sourceAccount: context.account.name,
				sourceAccountId: context.account._id,
				timestamp,
				status: 'submissionerror' as const,
				errorList: problem.errorList,
				url,
			};
			core.store.submissionErrors.push(failure);
			core.postbacks.emit('Order Submission Error', { submissionError: failure, fields: {} });
			core.changed();
		} else {
			createOrder(core, context.body as Json, context.account, context.origin, { id: _id });
		}
		return { status: 201, body: { _id, url, timestamp, sourceAccountId: context.account._id }, persist: 'now' };
	},
} satisfies Record<string, Handler>;
