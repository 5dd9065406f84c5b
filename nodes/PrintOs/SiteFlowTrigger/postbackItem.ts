/**
 * What a postback becomes as an output item: the event it announces (named by the template, else
 * derived from the order status), the order identifiers, status and tracking, the body, and the
 * request's headers without the secret one.
 */
import type { IDataObject } from 'n8n-workflow';

import { findEventByName, findEventByStatus, type SiteFlowEvent } from './events';
import { payloadField, type Payload, type PostbackRequest } from './payload';

/** Where each output field is looked for in the payload, first match wins (dot paths). */
const ORDER_ID_FIELDS = ['orderId', '_id', 'order._id'];
const SOURCE_ORDER_ID_FIELDS = ['sourceOrderId', 'orderData.sourceOrderId', 'order.orderData.sourceOrderId'];
const STATUS_FIELDS = ['status', 'orderData.status', 'order.orderData.status'];
const TRACKING_FIELDS = ['trackingNumber', 'trackingUrl', 'shippedDate', 'carrier'];

export function textField(payload: Payload, paths: readonly string[]): string | null {
	for (const path of paths) {
		const value = payloadField(payload, path);
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return null;
}

interface ResolvedEvent {
	event: SiteFlowEvent | undefined;
	/** The name as the payload wrote it (or the display name when found by status). */
	name: string | null;
	source: 'payload' | 'status' | 'none';
}

export function resolveEvent(payload: Payload, eventField: string, status: string | null): ResolvedEvent {
	if (eventField) {
		const raw = payloadField(payload, eventField);
		if (typeof raw === 'string' && raw.trim() !== '') {
			return { event: findEventByName(raw), name: raw, source: 'payload' };
		}
	}
	// documented fallback: templates that only write the order status (like HP's printready example)
	const byStatus = findEventByStatus(status);
	if (byStatus) return { event: byStatus, name: byStatus.name, source: 'status' };
	return { event: undefined, name: null, source: 'none' };
}

function headersWithout(headers: PostbackRequest['headers'], secretHeader: string | undefined): IDataObject {
	const copy: IDataObject = {};
	for (const name of Object.keys(headers)) {
		if (name !== secretHeader) copy[name] = headers[name];
	}
	return copy;
}

/** The item of a postback, with the event it was resolved to (the filter decides on that). */
export function postbackItem(
	payload: Payload,
	request: PostbackRequest,
	eventField: string,
	secretHeader: string | undefined,
): { item: IDataObject; event: SiteFlowEvent | undefined } {
	const status = textField(payload, STATUS_FIELDS);
	const resolved = resolveEvent(payload, eventField, status);
	const item: IDataObject = {
		event: resolved.event ? resolved.event.name : resolved.name,
		eventValue: resolved.event ? resolved.event.value : 'unknown',
		eventSource: resolved.source,
		orderId: textField(payload, ORDER_ID_FIELDS),
		sourceOrderId: textField(payload, SOURCE_ORDER_ID_FIELDS),
		status,
	};
	const timestamp = payloadField(payload, 'timestamp');
	if (timestamp !== undefined && timestamp !== '') item.timestamp = timestamp as string;
	for (const field of TRACKING_FIELDS) {
		const value = payloadField(payload, field);
		if (value !== undefined && value !== null && value !== '') item[field] = value as string;
	}
	item.body = payload.body as IDataObject;
	item.contentType = payload.contentType;
	item.method = request.method;
	item.headers = headersWithout(request.headers, secretHeader);
	return { item, event: resolved.event };
}
