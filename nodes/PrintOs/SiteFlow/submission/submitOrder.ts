/**
 * Submits an order without ever creating a duplicate. The transport never retries a submission
 * except on 429 (refused, so nothing was created). When the connection is lost mid-request
 * (`isOutcomeUnknown`), PrintOS may or may not have the order, so the order is looked up by its
 * sourceOrderId before anything is sent again:
 * - found: it is returned, reported as `confirmedAfterConnectionLoss`;
 * - not found (Site Flow API or routing rule): sent once more, reported as `resubmittedAfterConnectionLoss`;
 * - not found via the asynchronous order service: a miss proves nothing there (an accepted order may
 *   exist only as its `_id` until processed), so nothing is re-sent and the item fails with an
 *   "outcome unknown" error that says what to check;
 * - the lookup itself fails: the outcome stays unknown, and the item fails the same way.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { PrintOsClient, PrintOsRequest } from '../../transport/client';
import { isOutcomeUnknown } from '../../transport/client';
import { ORDER_SERVICE_ENDPOINTS, SITE_FLOW_ENDPOINTS } from '../endpoints';
import { findOrderBySourceId, unwrapOrder } from '../order/readOrder';

export type SubmitTarget = 'siteFlowApi' | 'orderService' | 'routingRule';

export type SubmissionOutcome =
	| 'submitted'
	| 'confirmedAfterConnectionLoss'
	| 'resubmittedAfterConnectionLoss';

export interface SubmissionReport extends IDataObject {
	target: SubmitTarget;
	outcome: SubmissionOutcome;
	/** Submission requests sent (a 429 retry inside the transport counts once). */
	requests: number;
	sourceOrderId: string;
	note?: string;
}

export interface SubmitOrderInput {
	order: IDataObject;
	sourceOrderId: string;
	target: SubmitTarget;
	routingRuleKey?: string;
	itemIndex: number;
}

export interface SubmittedOrder {
	/** The order (Site Flow API, routing rule), or the order service's receipt `{_id, url, …}`. */
	result: IDataObject;
	submission: SubmissionReport;
}

const TARGET_NAMES: Record<SubmitTarget, string> = {
	siteFlowApi: 'the Site Flow API',
	orderService: 'the asynchronous order service',
	routingRule: 'a routing rule',
};

/** Lookups after a lost connection to the order service, as multiples of the retry base delay. */
const ORDER_SERVICE_LOOKUP_WAITS = [0, 10, 25];

export function submissionRequest(input: SubmitOrderInput): PrintOsRequest {
	const common = { body: input.order, itemIndex: input.itemIndex, operation: 'Order: Submit' };
	if (input.target === 'orderService') {
		return { ...common, service: 'siteFlowOrders', endpoint: ORDER_SERVICE_ENDPOINTS.orderSubmit };
	}
	if (input.target === 'routingRule') {
		return {
			...common,
			service: 'siteFlow',
			endpoint: SITE_FLOW_ENDPOINTS.orderSubmitByRoutingRule,
			pathParams: { routingRuleKey: input.routingRuleKey ?? '' },
		};
	}
	return { ...common, service: 'siteFlow', endpoint: SITE_FLOW_ENDPOINTS.orderSubmit };
}

/** The order service answers with a receipt, the others with `{order, success}` (docs/printos-api.md#order-submit). */
function resultOf(target: SubmitTarget, body: unknown): IDataObject {
	if (target === 'orderService') return (body ?? {}) as IDataObject;
	return unwrapOrder(body);
}

function isDuplicateRefusal(error: unknown): boolean {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '400' &&
		/already exists/i.test(`${error.message} ${JSON.stringify(error.errorResponse ?? {})}`)
	);
}

function outcomeUnknownError(node: INode, input: SubmitOrderInput, what: string): NodeOperationError {
	return new NodeOperationError(
		node,
		`Item ${input.itemIndex}: the outcome of submitting order "${input.sourceOrderId}" to ${TARGET_NAMES[input.target]} is unknown: ${what}. It was not sent again.`,
		{
			itemIndex: input.itemIndex,
			description:
				`Check in Site Flow whether order "${input.sourceOrderId}" exists (Order > Get by Source Order ID, or the submission errors page for the order service) before submitting it again. ` +
				'Submitting it again is safe in one respect: Site Flow refuses a second order with the same sourceOrderId.',
		},
	);
}

async function lookUp(
	client: PrintOsClient,
	node: INode,
	input: SubmitOrderInput,
	context: string,
): Promise<IDataObject | undefined> {
	const waits = input.target === 'orderService' ? ORDER_SERVICE_LOOKUP_WAITS : [0];
	for (const multiple of waits) {
		if (multiple > 0) await sleep(multiple * client.settings.retry.serverErrorBaseMs);
		let found: IDataObject | undefined;
		try {
			found = await findOrderBySourceId(client, input.sourceOrderId, input.itemIndex);
		} catch (error) {
			throw outcomeUnknownError(node, input, `${context}, and looking the order up failed (${(error as Error).message})`);
		}
		if (found) return found;
	}
	return undefined;
}

function report(
	input: SubmitOrderInput,
	outcome: SubmissionOutcome,
	requests: number,
	note?: string,
): SubmissionReport {
	return {
		target: input.target,
		outcome,
		requests,
		sourceOrderId: input.sourceOrderId,
		...(note ? { note } : {}),
	};
}

export async function submitOrder(client: PrintOsClient, node: INode, input: SubmitOrderInput): Promise<SubmittedOrder> {
	const request = submissionRequest(input);
	let firstFailure: unknown;
	try {
		return { result: resultOf(input.target, await client.request(request)), submission: report(input, 'submitted', 1) };
	} catch (error) {
		firstFailure = error;
	}
	// Any answer from PrintOS (validation 400, 401, …) is final and already a NodeApiError.
	if (!isOutcomeUnknown(firstFailure)) throw firstFailure;

	const lost = 'the connection was lost before PrintOS answered';
	const existing = await lookUp(client, node, input, lost);
	if (existing) {
		return {
			result: existing,
			submission: report(input, 'confirmedAfterConnectionLoss', 1, `${lost}; the order was found by its sourceOrderId, so it was not sent again`),
		};
	}
	if (input.target === 'orderService') {
		throw outcomeUnknownError(
			node,
			input,
			`${lost}, and the order is not visible by its sourceOrderId yet; the order service processes orders asynchronously, so that does not prove it was not received`,
		);
	}

	let secondFailure: unknown;
	try {
		const body = await client.request(request);
		return {
			result: resultOf(input.target, body),
			submission: report(input, 'resubmittedAfterConnectionLoss', 2, `${lost}; no order with this sourceOrderId existed, so it was sent once more`),
		};
	} catch (error) {
		secondFailure = error;
	}
	const duplicate = isDuplicateRefusal(secondFailure);
	if (!duplicate && !isOutcomeUnknown(secondFailure)) throw secondFailure;
	const second = duplicate
		? 'the first submission arrived after all (the second was refused as a duplicate)'
		: 'the connection was lost again on the second submission';
	const found = await lookUp(client, node, input, second);
	if (found) {
		return {
			result: found,
			submission: report(input, 'confirmedAfterConnectionLoss', 2, `${lost}; ${second}; the order was found by its sourceOrderId`),
		};
	}
	throw outcomeUnknownError(node, input, `${lost}; ${second}; the order is still not found by its sourceOrderId`);
}
