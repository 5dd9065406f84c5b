/**
 * The "Request Options" every PrintOS action node offers, and how they become transport settings.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ClientSettings } from '../transport/client';
import { DEFAULT_CLIENT_SETTINGS } from '../transport/client';
import { DEFAULT_ITEM_CONCURRENCY } from '../transport/items';

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
			typeOptions: { minValue: 1, maxValue: 100 },
			default: DEFAULT_ITEM_CONCURRENCY,
			description:
				'How many input items are processed at the same time. 1 processes them strictly one after another.',
		},
		{
			displayName: 'Max Requests per Minute',
			name: 'pacePerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_CLIENT_SETTINGS.pacePerMinute,
			description:
				'Requests per minute this n8n instance sends for one PrintOS account, shared by all its workflows. PrintOS allows 3000; 0 turns pacing off.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_CLIENT_SETTINGS.timeoutMs / 1000,
			description: 'How long to wait for PrintOS to answer one request',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_CLIENT_SETTINGS.retry.maxRetries,
			description:
				'Retries of a request PrintOS refused with 429 (any request) or with a server error (reads, updates and deletes only; never a submission)',
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
		/** Not in the UI: lets tests shorten backoff without changing the rules. */
		retryBaseMs?: number;
	};
	const client: Partial<ClientSettings> = {};
	if (options.pacePerMinute !== undefined) client.pacePerMinute = Number(options.pacePerMinute);
	if (options.timeoutSeconds !== undefined) client.timeoutMs = Number(options.timeoutSeconds) * 1000;
	const retry: Partial<ClientSettings['retry']> = {};
	if (options.maxRetries !== undefined) retry.maxRetries = Number(options.maxRetries);
	if (options.retryBaseMs !== undefined) {
		retry.rateLimitBaseMs = Number(options.retryBaseMs);
		retry.serverErrorBaseMs = Number(options.retryBaseMs);
	}
	client.retry = { ...DEFAULT_CLIENT_SETTINGS.retry, ...retry };
	return {
		concurrency: Math.max(1, Math.floor(Number(options.concurrency ?? DEFAULT_ITEM_CONCURRENCY))),
		client,
	};
}
