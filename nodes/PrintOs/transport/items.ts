/**
 * Runs a node's items with a bounded number in flight (the bound adapts to the round-trip time,
 * see adaptiveConcurrency.ts). Output keeps input order and pairs each result with its item; with
 * "Continue On Fail" a failed item becomes an error item and the others go on, otherwise the first
 * failure in input order stops the node once in-flight items settle.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AdaptiveConcurrency, AUTO_MAX_ITEMS_IN_FLIGHT } from './adaptiveConcurrency';

/** 0: the bound adapts up to AUTO_MAX_ITEMS_IN_FLIGHT; a positive number is the most in flight. */
export const DEFAULT_ITEM_CONCURRENCY = 0;

export type ItemHandler = (
	itemIndex: number,
) => Promise<IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[]>;

function isExecutionData(value: unknown): value is INodeExecutionData {
	return !!value && typeof value === 'object' && 'json' in (value as object);
}

function toItems(result: Awaited<ReturnType<ItemHandler>>, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function isEarlierFailure(current: { index: number } | undefined, itemIndex: number): boolean {
	return !current || itemIndex < current.index;
}

export async function runItems(
	context: IExecuteFunctions,
	handler: ItemHandler,
	concurrency: number = DEFAULT_ITEM_CONCURRENCY,
): Promise<INodeExecutionData[]> {
	const itemCount = context.getInputData().length;
	const outputs: INodeExecutionData[][] = new Array(itemCount);
	const continueOnFail = context.continueOnFail();
	let next = 0;
	const failure: { first?: { index: number; error: Error } } = {};

	const upperBound = Math.floor(concurrency) > 0 ? Math.floor(concurrency) : AUTO_MAX_ITEMS_IN_FLIGHT;
	const inFlight = new AdaptiveConcurrency(upperBound, concurrency > 0 ? upperBound : undefined);
	const hasWork = () => next < itemCount && !failure.first;

	const worker = async () => {
		while (await inFlight.admit(hasWork)) {
			const itemIndex = next++;
			try {
				outputs[itemIndex] = toItems(await inFlight.measure(async () => await handler(itemIndex)), itemIndex);
			} catch (error) {
				const nodeError = asNodeError(context, error, itemIndex);
				if (continueOnFail) {
					outputs[itemIndex] = [
						{
							json: {
								error: nodeError.message,
								...(nodeError.description ? { errorDescription: nodeError.description } : {}),
								...(nodeError instanceof NodeApiError && nodeError.httpCode
									? { httpCode: nodeError.httpCode }
									: {}),
							},
							pairedItem: { item: itemIndex },
						},
					];
				} else if (isEarlierFailure(failure.first, itemIndex)) {
					failure.first = { index: itemIndex, error: nodeError };
				}
			}
		}
	};

	const workers = Math.max(1, Math.min(upperBound, itemCount));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure.first) throw failure.first.error;
	return outputs.flat();
}
