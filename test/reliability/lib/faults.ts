/**
 * The fault kinds of the matrix, as sandbox fault knobs, and what must happen to each of the
 * three input items (run one at a time, "Items in Parallel" 1, with Continue On Fail) under them.
 * Faults hit the first API requests after they are set, so they land on item 0 (and item 1 for a
 * burst longer than one item can absorb); the later items show that the others are unaffected.
 *
 * Retry bounds are the node's defaults (Max Retries 4); only the backoff base is shortened.
 */
import type { IDataObject } from 'n8n-workflow';

import type { OperationSpec } from './operations';

export const ITEMS_PER_CASE = 3;
export const MAX_RETRIES = 4;

export type FaultId =
	| 'rateLimitStorm'
	| 'rateLimitExhausted'
	| 'serverErrorBurst'
	| 'serverErrorExhausted'
	| 'slowResponse'
	| 'timeout'
	| 'connectionDrop'
	| 'connectionDropBeforeProcessing'
	| 'uploadServerErrorBurst'
	| 'uploadServerErrorExhausted'
	| 'uploadTimeout'
	| 'uploadConnectionDrop';

export interface Expectation {
	/** Items that must succeed. */
	succeed: number[];
	/** Items that must fail, with a clear message matching `pattern`. */
	fail: number[];
	pattern?: RegExp;
}

export interface FaultSpec {
	id: FaultId;
	label: string;
	/** What the sandbox is told. */
	knobs(op: OperationSpec): IDataObject;
	/** Request Options for the run (merged over the fast defaults). */
	requestOptions?: IDataObject;
	expect(op: OperationSpec): Expectation;
	/** Operations the fault can reach (default: all). */
	appliesTo?(op: OperationSpec): boolean;
	/** For Order Submit: how item 0's submission must be reported. */
	submitOutcome?: string;
}

const ALL: Expectation = { succeed: [0, 1, 2], fail: [] };

const UPLOAD_PUT = { method: 'PUT', path: '/_uploads/' };

const LOST_CONNECTION = /connection to PrintOS was lost|may or may not have processed|Could not reach PrintOS|timeout|socket hang up|ECONNRESET/i;

/** A lost connection: reads and idempotent writes retry, Submit looks the order up, other POSTs fail honestly. */
function afterLostConnection(op: OperationSpec): Expectation {
	if (op.first === 'once') return { succeed: [1, 2], fail: [0], pattern: LOST_CONNECTION };
	return ALL;
}

export const FAULTS: FaultSpec[] = [
	{
		id: 'rateLimitStorm',
		label: '429 storm (3 in a row)',
		knobs: () => ({ failNext: { count: 3, status: 429, retryAfterSeconds: 0 } }),
		expect: () => ALL,
	},
	{
		id: 'rateLimitExhausted',
		label: '429 beyond the retries (5 in a row)',
		knobs: () => ({ failNext: { count: MAX_RETRIES + 1, status: 429, retryAfterSeconds: 0 } }),
		expect: () => ({ succeed: [1, 2], fail: [0], pattern: /Too Many Requests|rate limit/i }),
	},
	{
		id: 'serverErrorBurst',
		label: '5xx burst (2 × 503)',
		knobs: () => ({ failNext: { count: 2, status: 503 } }),
		expect: (op) => (op.first === 'retried' ? ALL : { succeed: [2], fail: [0, 1], pattern: /Service Unavailable/ }),
	},
	{
		id: 'serverErrorExhausted',
		label: '5xx beyond the retries (500s)',
		knobs: (op) => ({ failNext: { count: op.first === 'retried' ? MAX_RETRIES + 1 : 1, status: 500 } }),
		expect: () => ({ succeed: [1, 2], fail: [0], pattern: /Internal Server Error/ }),
	},
	{
		id: 'slowResponse',
		label: 'slow responses (2 × 250 ms, timeout 5 s)',
		knobs: () => ({ slow: { count: 2, ms: 250 } }),
		requestOptions: { timeoutSeconds: 5 },
		expect: () => ALL,
	},
	{
		id: 'timeout',
		label: 'timeout (answer after 1.2 s, timeout 0.4 s)',
		knobs: () => ({ slow: { count: 1, ms: 1200 } }),
		requestOptions: { timeoutSeconds: 0.4 },
		expect: afterLostConnection,
		submitOutcome: 'confirmedAfterConnectionLoss',
	},
	{
		id: 'connectionDrop',
		label: 'connection dropped after processing',
		knobs: () => ({ dropAfterProcessing: { count: 1 } }),
		expect: afterLostConnection,
		submitOutcome: 'confirmedAfterConnectionLoss',
	},
	{
		id: 'connectionDropBeforeProcessing',
		label: 'connection dropped before processing',
		knobs: () => ({ dropBeforeProcessing: { count: 1 } }),
		expect: afterLostConnection,
		submitOutcome: 'resubmittedAfterConnectionLoss',
	},
	// The presigned upload PUT (no PrintOS signature): replacing an object is idempotent, so 429, 5xx
	// and lost connections are retried like any idempotent write.
	{
		id: 'uploadServerErrorBurst',
		label: 'upload PUT: 5xx burst (2 × 503)',
		appliesTo: (op) => op.uploads === true,
		knobs: () => ({ failNext: { count: 2, status: 503, match: UPLOAD_PUT } }),
		expect: () => ALL,
	},
	{
		id: 'uploadServerErrorExhausted',
		label: 'upload PUT: 5xx beyond the retries',
		appliesTo: (op) => op.uploads === true,
		knobs: () => ({ failNext: { count: MAX_RETRIES + 1, status: 500, match: UPLOAD_PUT } }),
		expect: () => ({ succeed: [1, 2], fail: [0], pattern: /upload URL refused .*HTTP 500/i }),
	},
	{
		id: 'uploadTimeout',
		label: 'upload PUT: timeout',
		appliesTo: (op) => op.uploads === true,
		knobs: () => ({ slow: { count: 1, ms: 1200, match: UPLOAD_PUT } }),
		requestOptions: { timeoutSeconds: 0.4 },
		expect: () => ALL,
	},
	{
		id: 'uploadConnectionDrop',
		label: 'upload PUT: connection dropped after storing',
		appliesTo: (op) => op.uploads === true,
		knobs: () => ({ dropAfterProcessing: { count: 1, match: UPLOAD_PUT } }),
		expect: () => ALL,
	},
];

export function applies(fault: FaultSpec, op: OperationSpec): boolean {
	return fault.appliesTo ? fault.appliesTo(op) : true;
}

export function fault(id: FaultId): FaultSpec {
	const found = FAULTS.find((spec) => spec.id === id);
	if (!found) throw new Error(`no fault "${id}"`);
	return found;
}

/**
 * The fast representative set jest runs per fault kind (the report runs every operation):
 * a read, an idempotent write, a creating POST, a command, a multi-request upload, and the order
 * operations on both credentials.
 */
export const REPRESENTATIVES: Record<FaultId, string[]> = {
	rateLimitStorm: ['box.folder.create', 'box.file.uploadBinary', 'siteFlow.order.submit [token]', 'siteFlow.sku.getAll [gateway]', 'siteFlow.orderArtwork.upload [token]'],
	rateLimitExhausted: ['box.file.sendToDevice', 'siteFlow.order.get [gateway]', 'siteFlow.order.submitOrderService [token]'],
	serverErrorBurst: ['box.folder.get', 'box.file.update', 'box.folder.create', 'siteFlow.order.validate [token]', 'siteFlow.order.submit [gateway]', 'siteFlow.order.getAll [token]'],
	serverErrorExhausted: ['box.substrate.getMany', 'box.file.preflight', 'siteFlow.order.submitRoutingRule [token]', 'siteFlow.product.get [gateway]'],
	slowResponse: ['box.dashboard.get', 'siteFlow.order.submit [token]', 'siteFlow.account.get [gateway]'],
	timeout: ['box.file.get', 'box.folder.create', 'siteFlow.order.submit [token]', 'siteFlow.order.getBySource [gateway]', 'siteFlow.order.update [token]'],
	connectionDropBeforeProcessing: ['box.contact.create', 'siteFlow.order.submit [token]', 'siteFlow.order.submitOrderService [token]', 'siteFlow.order.submitRoutingRule [gateway]'],
	uploadServerErrorBurst: ['box.file.uploadBinary', 'siteFlow.orderArtwork.upload [gateway]'],
	uploadServerErrorExhausted: ['siteFlow.orderArtwork.uploadOrderFiles [token]'],
	uploadTimeout: ['box.file.uploadBinary'],
	uploadConnectionDrop: ['siteFlow.orderArtwork.upload [token]'],
	connectionDrop: ['box.file.uploadFromUrl', 'box.file.update', 'siteFlow.order.submit [gateway]', 'siteFlow.order.submitOrderService [token]', 'siteFlow.orderArtwork.uploadOrderFiles [token]'],
};
