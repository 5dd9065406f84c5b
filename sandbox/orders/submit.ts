/**
 * One way to turn a request body into a stored order, shared by the synchronous API, routing-rule
 * submission, the asynchronous order service and bulk generation, so they cannot drift apart.
 */
import type { SandboxCore } from '../core';
import type { Account, Json } from '../types';
import { expandOrder } from './expand';
import { validateOrder } from './validate';

export interface SubmissionProblem {
	body: Json;
	errorList: Array<{ name: string; message: string; path: string }>;
}

const DUPLICATE = 'Source Order ID already exists';

/** Undefined when the order may be created; otherwise the 400 body and the problems as a list. */
export function checkOrder(core: SandboxCore, body: unknown, account: Account): SubmissionProblem | undefined {
	const validations = validateOrder(body, core.catalogue);
	if (validations.length > 0) {
		return {
			body: { success: false, error: { code: 208, name: 'ValidationError', message: 'Validation failed', validations } },
			errorList: validations.map((entry) => ({ name: 'ValidationError', ...entry })),
		};
	}
	const sourceOrderId = String((body as Json).orderData.sourceOrderId);
	if (core.store.orderBySource(account.name, sourceOrderId)) {
		return {
			body: { success: false, error: { message: DUPLICATE, code: 400, name: 'BadRequest' } },
			errorList: [{ name: 'DuplicateError', message: DUPLICATE, path: 'orderData.sourceOrderId' }],
		};
	}
	return undefined;
}

function mimeTypeOf(path: unknown): string {
	const extension = String(path ?? '').toLowerCase().split('?')[0].split('.').pop();
	if (extension === 'jpg' || extension === 'jpeg') return 'image/jpeg';
	if (extension === 'png') return 'image/png';
	if (extension === 'tif' || extension === 'tiff') return 'image/tiff';
	return 'application/pdf';
}

export interface CreateOptions {
	id?: string;
	routingRuleKey?: string;
	/** Bulk-generated orders skip the production steps and their postbacks. */
	lifecycle?: boolean;
	status?: string;
}

/** Stores a checked order. Upload components get a pre-signed `url` to PUT their artwork to (docs/printos-api.md#order-artwork). */
export function createOrder(core: SandboxCore, body: Json, account: Account, origin: string, options: CreateOptions = {}): Json {
	const order = expandOrder(body, { catalogue: core.catalogue, source: account, nowMs: core.clock.now(), id: options.id });
	if (options.routingRuleKey) order.routingRule = { key: options.routingRuleKey };
	for (const file of order.files as Json[]) {
		if (file.fetch || file.localFile) continue;
		const upload = core.uploads.create('orderFile', mimeTypeOf(file.path), origin, { orderId: order._id, fileId: file._id });
		file.url = upload.uploadUrl;
		file.uploadId = upload.id;
	}
	if (options.status) order.orderData.status = options.status;
	core.store.addOrder(order);
	if (options.lifecycle !== false) core.lifecycle.onCreated(order);
	core.changed();
	return order;
}
