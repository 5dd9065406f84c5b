/**
 * How an unsigned request to storage (a presigned upload PUT in `upload/presignedPut.ts`, a
 * download GET in `download/downloadToBinary.ts`) fails: cancelled by the user, never answered, or
 * refused by the storage. One wording for both directions, each naming the operation, the
 * address without its presigned query, and the item.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	describeNetworkFailure,
	headerValue,
	isCancellation,
	networkReason,
	type FullResponse,
} from '../transport/httpExchange';
import { withOwnMessage } from '../transport/apiError';
import type { AttemptResult } from '../transport/retryLoop';

export interface StorageExchange {
	node: INode;
	direction: 'upload' | 'download';
	method: 'PUT' | 'GET';
	/** The URL without its query string (the presigned signature must not leak). */
	where: string;
	/** Named in error messages, e.g. "File: Download". */
	operation: string;
	itemIndex?: number;
}

/**
 * What a request that threw comes to: a cancellation ends the run at once; anything else is a lost
 * connection the retry loop may retry, reported with `unreachable` when it gives up.
 */
export function storageRequestFailed(
	exchange: StorageExchange,
	error: unknown,
	unreachable: (failure: string) => string,
): AttemptResult<never> {
	if (isCancellation(error)) {
		throw new NodeApiError(exchange.node, { message: 'cancelled' } as JsonObject, {
			message: `The ${exchange.direction} for ${exchange.operation} was cancelled`,
			itemIndex: exchange.itemIndex,
		});
	}
	const failure = describeNetworkFailure(networkReason(error));
	return {
		done: false,
		outcome: { kind: 'networkError' },
		giveUp: () => {
			const message = unreachable(failure);
			const error = new NodeApiError(exchange.node, { message: failure } as JsonObject, {
				message,
				description: `${exchange.method} ${exchange.where}`,
				itemIndex: exchange.itemIndex,
			});
			return withOwnMessage(error, message);
		},
	};
}

/** A storage answer of 300 or more: retried as the policy allows, else "refused by storage" with its reason. */
export function refusedByStorage(
	exchange: StorageExchange,
	response: FullResponse,
	reason: () => string,
): AttemptResult<never> {
	const status = response.statusCode;
	return {
		done: false,
		outcome: { kind: 'response', status, retryAfterHeader: headerValue(response.headers, 'retry-after') },
		giveUp: () => {
			const why = reason();
			const urls = exchange.direction === 'upload' ? 'Upload URLs' : 'Download URLs';
			return new NodeApiError(exchange.node, { status, message: why || `HTTP ${status}` } as JsonObject, {
				message: `The ${exchange.direction} URL refused the file (HTTP ${status})${why ? `: ${why}` : ''}`,
				description: `${exchange.method} ${exchange.where} during ${exchange.operation}. ${urls} expire a short while after they are issued; run the operation again to get a fresh one.`,
				httpCode: String(status),
				itemIndex: exchange.itemIndex,
			});
		},
	};
}
