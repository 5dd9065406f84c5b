/**
 * The "Request Options" every PrintOS action node offers, and how they become transport settings.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ClientSettings } from '../transport/client';
import { DEFAULT_CLIENT_SETTINGS } from '../transport/client';
import { DEFAULT_ITEM_CONCURRENCY } from '../transport/items';
import { checkedNumber } from './numbers';

// Literal defaults (the linter wants literals); a unit test keeps them equal to the transport's.
export const REQUEST_OPTIONS_PARAMETER = 'requestOptions';

export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: REQUEST_OPTIONS_PARAMETER,
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Items in Parallel',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 150 },
			default: 0,
			description:
				'The most input items processed at the same time. 0 (automatic) adapts to PrintOS\'s round-trip time so that Max Requests per Minute, not this number, limits throughput. 1 processes them strictly one after another.',
		},
		{
			displayName: 'Max Requests per Minute',
			name: 'pacePerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 2940,
			description:
				'Requests per minute this n8n process sends for one PrintOS account, shared by all its workflows. Without this option the pace starts at 2940 (PrintOS allows 3000) and shrinks when PrintOS answers 429, e.g. because queue-mode workers share the account. Set, it is used as given; 0 turns pacing off.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 4,
			description:
				'Retries of a request PrintOS refused with 429 (any request) or with a server error (reads, updates and deletes only; never a submission)',
		},
		{
			displayName: 'Retry Backoff Base (Ms)',
			name: 'retryBaseMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Base of the exponential backoff when PrintOS sends no Retry-After. 0 uses the PrintOS SDKs' values: 18 s after a 429, 200 ms after a server error.",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 20,
			description:
				'How long to wait for PrintOS to answer one attempt. After an attempt without answer, no retry starts that could not end within 100 s of the first attempt, so a PrintOS that never answers fails an item within two minutes.',
		},
	],
};

export interface NodeRequestSettings {
	concurrency: number;
	client: Partial<ClientSettings>;
}

export function readRequestOptions(context: IExecuteFunctions): NodeRequestSettings {
	const options = context.getNodeParameter(REQUEST_OPTIONS_PARAMETER, 0, {}) as {
		concurrency?: number;
		pacePerMinute?: number;
		timeoutSeconds?: number;
		maxRetries?: number;
		retryBaseMs?: number;
	};
	const number = (raw: unknown, label: string, min: number, whole = true) =>
		checkedNumber(context, raw, { label: `Request Options › ${label}`, min, whole });
	const client: Partial<ClientSettings> = {};
	if (options.pacePerMinute !== undefined) {
		client.pacePerMinute = number(options.pacePerMinute, 'Max Requests per Minute', 0);
		client.learnPace = false;
	}
	if (options.timeoutSeconds !== undefined) {
		client.timeoutMs = number(options.timeoutSeconds, 'Timeout (Seconds)', 0.001, false) * 1000;
	}
	const retry: Partial<ClientSettings['retry']> = {};
	if (options.maxRetries !== undefined) retry.maxRetries = number(options.maxRetries, 'Max Retries', 0);
	if (options.retryBaseMs) {
		retry.rateLimitBaseMs = number(options.retryBaseMs, 'Retry Backoff Base (Ms)', 0);
		retry.serverErrorBaseMs = retry.rateLimitBaseMs;
	}
	client.retry = { ...DEFAULT_CLIENT_SETTINGS.retry, ...retry };
	return {
		concurrency: number(options.concurrency ?? DEFAULT_ITEM_CONCURRENCY, 'Items in Parallel', 0),
		client,
	};
}
