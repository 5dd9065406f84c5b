/**
 * Runs a node's items as one batch, the way n8n's error modes expect (README "Errors and batches"):
 *
 * 1. Check: every item runs up to its first request, one after another, while the client holds
 *    every request (`ItemBatch.beforeRequest`). So all local checks of every item (fields, JSON,
 *    numbers, duplicates within the batch) are done before the first request of the batch leaves.
 *    With "Stop Workflow" any invalid item fails the execution listing every invalid item, and
 *    nothing is sent; in the continue modes the invalid items become error items.
 * 2. Send: the items that passed run for real, a bounded number in flight. With "Stop Workflow"
 *    the first failure stops new items from starting; items in flight finish; the error then says
 *    what was done before the stop. In the continue modes every failed item becomes an error item.
 *
 * Output keeps input order, pairs each result with its item, and an item that gives one result
 * keeps its input binary. An error item's json is only `{ error: {...} }`: the one shape both
 * n8n 1.x and 2.x route to the error output with "Continue (using error output)".
 *
 * How many items are in flight at once adapts to the round-trip time (adaptiveConcurrency.ts), so
 * that the pacer, not the bound, limits throughput; Items in Parallel is its upper bound.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AdaptiveConcurrency, AUTO_MAX_ITEMS_IN_FLIGHT } from './adaptiveConcurrency';

/** 0: the bound adapts up to AUTO_MAX_ITEMS_IN_FLIGHT; a positive number is the most in flight. */
export const DEFAULT_ITEM_CONCURRENCY = 0;

export type ItemHandler = (
	itemIndex: number,
) => Promise<IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[]>;

/** What would make two items of a batch do the same thing twice, e.g. create the same order. */
export interface ItemIdentity {
	key: string;
	/** Carried by the item's error and named in a stop report, e.g. `{ sourceOrderId }`. */
	facts: IDataObject;
	/** The refusal of a later item with the same key. */
	duplicateMessage: (firstItemIndex: number) => string;
}

/** Raised at the first request of an item that is being checked: the item passed its local checks. */
class RequestHeldForChecks extends Error {
	constructor() {
		super('Requests are held while the batch is checked');
	}
}

/** One execution's batch; the client asks it before every request. */
export class ItemBatch {
	private checking = false;
	private reachedRequest = false;
	private readonly firstItemByKey = new Map<string, number>();
	private readonly factsByItem = new Map<number, IDataObject>();

	beforeRequest(): void {
		if (!this.checking) return;
		this.reachedRequest = true;
		throw new RequestHeldForChecks();
	}

	/** Called by an operation before its first request; refuses a later item with an earlier item's key. */
	identify(itemIndex: number, identity: ItemIdentity): void {
		this.factsByItem.set(itemIndex, identity.facts);
		if (!this.checking) return;
		const first = this.firstItemByKey.get(identity.key);
		if (first !== undefined && first !== itemIndex) throw new Error(identity.duplicateMessage(first));
		this.firstItemByKey.set(identity.key, itemIndex);
	}

	factsOf(itemIndex: number): IDataObject | undefined {
		return this.factsByItem.get(itemIndex);
	}

	/** The local-check error of each item that has one; no request leaves meanwhile. */
	async check(itemCount: number, handler: ItemHandler): Promise<Map<number, unknown>> {
		const failures = new Map<number, unknown>();
		this.checking = true;
		try {
			for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
				this.reachedRequest = false;
				try {
					await handler(itemIndex);
				} catch (error) {
					// an operation may wrap what its request threw; reaching the request is what counts
					if (!this.reachedRequest) failures.set(itemIndex, error);
				}
			}
		} finally {
			this.checking = false;
		}
		return failures;
	}
}

type NodeError = NodeApiError | NodeOperationError;

function isExecutionData(value: unknown): value is INodeExecutionData {
	return !!value && typeof value === 'object' && 'json' in (value as object);
}

function toItems(
	context: IExecuteFunctions,
	result: Awaited<ReturnType<ItemHandler>>,
	itemIndex: number,
): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	const items = list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
	// one item in, one item out: the input's files go on with it (e.g. PDF → Create Folder → Upload)
	const inputBinary = context.getInputData()[itemIndex]?.binary;
	if (!Array.isArray(result) && items.length === 1 && !items[0].binary && inputBinary) {
		items[0].binary = inputBinary;
	}
	return items;
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** The json of a failed item: one `error` key, so n8n can route it to the error output. */
export function errorItemJson(error: NodeError, facts: IDataObject | undefined): IDataObject {
	const status = error instanceof NodeApiError ? Number(error.httpCode) : NaN;
	const response = error instanceof NodeApiError ? (error.errorResponse as IDataObject | undefined) : undefined;
	return {
		error: {
			message: error.message,
			...(error.description ? { description: error.description } : {}),
			...(Number.isInteger(status) && status > 0 ? { httpCode: status } : {}),
			...(Array.isArray(response?.validations) ? { validations: response.validations } : {}),
			...(facts ?? {}),
		},
	};
}

function ranges(indexes: number[]): string {
	const parts: string[] = [];
	for (let start = 0; start < indexes.length; ) {
		let end = start;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		parts.push(end === start ? `${indexes[start]}` : `${indexes[start]}–${indexes[end]}`);
		start = end + 1;
	}
	return parts.join(', ');
}

function describeFacts(facts: IDataObject | undefined): string {
	if (!facts) return '';
	return Object.entries(facts)
		.map(([name, value]) => `${name} "${String(value)}"`)
		.join(', ');
}

/** What an item did: its facts and the ID of what PrintOS created or returned, when it has one. */
function describeDone(itemIndex: number, items: INodeExecutionData[], facts: IDataObject | undefined): string {
	const json = items.length === 1 ? items[0].json : undefined;
	const id = json?._id ?? json?.id;
	const what = describeFacts(facts);
	return `item ${itemIndex}${what ? ` (${what})` : ''}${id !== undefined && id !== null ? ` → ${String(id)}` : ''}`;
}

function appendDescription(error: NodeError, text: string): NodeError {
	error.description = error.description ? `${error.description}\n\n${text}` : text;
	return error;
}

function invalidBatchError(
	context: IExecuteFunctions,
	failures: Map<number, NodeError>,
	itemCount: number,
): NodeError {
	const nothingSent = `Nothing was sent to PrintOS for any of the ${itemCount} items of this batch.`;
	if (failures.size === 1) {
		const [only] = failures.values();
		return itemCount > 1 ? appendDescription(only, nothingSent) : only;
	}
	const indexes = [...failures.keys()].sort((a, b) => a - b);
	const lines = indexes.map((itemIndex) => {
		const error = failures.get(itemIndex)!;
		const message = /\bitem \d+\b/i.test(error.message) ? error.message : `Item ${itemIndex}: ${error.message}`;
		const details = error.description && !/^Nothing was sent/.test(error.description) ? `\n  ${error.description.replace(/\n/g, '\n  ')}` : '';
		return `- ${message}${details}`;
	});
	return new NodeOperationError(
		context.getNode(),
		`${failures.size} of ${itemCount} items are invalid (items ${ranges(indexes)}); nothing was sent to PrintOS`,
		{ itemIndex: indexes[0], description: `${nothingSent} Fix:\n${lines.join('\n')}` },
	);
}

export async function runItems(
	context: IExecuteFunctions,
	client: { batch: ItemBatch },
	handler: ItemHandler,
	concurrency: number = DEFAULT_ITEM_CONCURRENCY,
): Promise<INodeExecutionData[]> {
	const { batch } = client;
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
	const outputs: INodeExecutionData[][] = new Array(itemCount);
	const errorItem = (itemIndex: number, error: NodeError): INodeExecutionData[] => [
		{ json: errorItemJson(error, batch.factsOf(itemIndex)), pairedItem: { item: itemIndex } },
	];

	const localFailures = new Map<number, NodeError>();
	for (const [itemIndex, error] of await batch.check(itemCount, handler)) {
		localFailures.set(itemIndex, asNodeError(context, error, itemIndex));
	}
	if (localFailures.size && !continueOnFail) throw invalidBatchError(context, localFailures, itemCount);
	for (const [itemIndex, error] of localFailures) outputs[itemIndex] = errorItem(itemIndex, error);

	const toSend = Array.from({ length: itemCount }, (_, itemIndex) => itemIndex).filter(
		(itemIndex) => !localFailures.has(itemIndex),
	);
	const failures = new Map<number, NodeError>();
	let next = 0;
	const upperBound = Math.floor(concurrency) > 0 ? Math.floor(concurrency) : AUTO_MAX_ITEMS_IN_FLIGHT;
	const inFlight = new AdaptiveConcurrency(upperBound, concurrency > 0 ? upperBound : undefined);
	// the next item to send, or none once all are taken or (Stop Workflow) an item has failed
	const takeNext = () => (next < toSend.length && (continueOnFail || !failures.size) ? toSend[next++] : undefined);
	const worker = async () => {
		for (let itemIndex = await inFlight.admit(takeNext); itemIndex !== undefined; itemIndex = await inFlight.admit(takeNext)) {
			try {
				outputs[itemIndex] = toItems(context, await inFlight.measure(async () => await handler(itemIndex)), itemIndex);
			} catch (error) {
				const nodeError = asNodeError(context, error, itemIndex);
				if (continueOnFail) outputs[itemIndex] = errorItem(itemIndex, nodeError);
				else failures.set(itemIndex, nodeError);
			}
		}
	};
	const workers = Math.max(1, Math.min(upperBound, toSend.length));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.size) throw stopReport(failures, toSend, outputs, batch);
	return outputs.flat();
}

/** The first failure in input order, telling what the batch did before it stopped. */
function stopReport(
	failures: Map<number, NodeError>,
	sent: number[],
	outputs: INodeExecutionData[][],
	batch: ItemBatch,
): NodeError {
	const failed = [...failures.keys()].sort((a, b) => a - b);
	const first = failures.get(failed[0])!;
	const done = sent.filter((itemIndex) => outputs[itemIndex] !== undefined);
	const notStarted = sent.filter((itemIndex) => outputs[itemIndex] === undefined && !failures.has(itemIndex));
	const lines = [
		`The batch stopped at this failure (item ${failed[0]}): no further item was started; items already in flight finished.`,
		done.length
			? `Done before the stop (${done.length}):\n${done.map((itemIndex) => `- ${describeDone(itemIndex, outputs[itemIndex], batch.factsOf(itemIndex))}`).join('\n')}`
			: 'No item was done before the stop.',
	];
	if (failed.length > 1) {
		lines.push(
			`Also failed (${failed.length - 1}): ${failed
				.slice(1)
				.map((itemIndex) => `item ${itemIndex}: ${failures.get(itemIndex)!.message}`)
				.join('; ')}.`,
		);
	}
	if (notStarted.length) lines.push(`Not sent (${notStarted.length}): items ${ranges(notStarted)}.`);
	return appendDescription(first, lines.join('\n'));
}
