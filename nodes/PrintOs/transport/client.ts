/**
 * The one way out to PrintOS: resolves the service base from the credential, paces requests per
 * account, sends them through n8n's `httpRequestWithAuthentication` (the credential signs), retries
 * what is safe to retry, and maps failures to NodeApiError once.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	connectionError,
	networkFailureReason,
	withOwnMessage,
	parsePrintOsError,
	printOsApiError,
	type Attempts,
} from './apiError';
import {
	describeCredential,
	rateLimitKey,
	serviceBaseUrl,
	type PrintOsCredentialType,
	type PrintOsService,
} from './connection';
import { fillPath, type Endpoint, type RepeatRefusal } from './endpoint';
import { ItemBatch } from './items';
import { acquireSlot, adoptAnnouncedLimit, DEFAULT_PACE_PER_MINUTE, noteSuccess, pauseAccount } from './pacer';
import {
	headerValue,
	isCancellation,
	networkReason,
	readRefusalBody,
	type FullResponse,
	type NetworkFailure,
} from './httpExchange';
import { DEFAULT_RETRY_SETTINGS, defaultRetryMode, retryDelayMs, type RetryMode, type RetrySettings } from './retryPolicy';
import { runWithRetries, type AttemptResult } from './retryLoop';

export type PrintOsContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export interface ClientSettings {
	/** Requests per minute this process sends for one account; 0 turns pacing off. */
	pacePerMinute: number;
	/** `pacePerMinute` is a ceiling and the share below it is learned from 429s (no explicit pace set). */
	learnPace: boolean;
	timeoutMs: number;
	retry: RetrySettings;
}

/**
 * A PrintOS that never answers fails a read in about 84 s (4 attempts of 20 s, the retry deadline
 * allowing no fifth) and a submission in about 104 s (one attempt, then the lookup by
 * sourceOrderId): under two minutes either way.
 */
export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
	pacePerMinute: DEFAULT_PACE_PER_MINUTE,
	learnPace: true,
	timeoutMs: 20_000,
	retry: DEFAULT_RETRY_SETTINGS,
};

export interface PrintOsRequest {
	service: PrintOsService;
	endpoint: Endpoint;
	pathParams?: Record<string, string | number>;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
	/** Overrides the method's default (POST: 429 only; GET/PUT/DELETE: 429, 5xx, network). */
	retryMode?: RetryMode;
	/** Named in error messages, e.g. "Order: Get". */
	operation?: string;
	/**
	 * A download: a successful body comes back as an unread stream, and a redirect comes back as it is
	 * (status 3xx with its Location), so the caller fetches the target without the signing headers.
	 */
	stream?: boolean;
}

export interface PrintOsResponse<T = unknown> {
	status: number;
	headers: Record<string, string>;
	body: T;
	/**
	 * An earlier attempt lost its answer and PrintOS refused this repeat as already done (the
	 * endpoint's `repeatRefusal`): the write took effect, and `body` is the refusal, not a result.
	 */
	confirmedByRepeat?: boolean;
}

/** A request that may have been processed although no answer arrived (a POST that lost its connection). */
export class PrintOsOutcomeUnknownError extends NodeApiError {}

function isRefusedAsAlreadyDone(refusal: RepeatRefusal | undefined, response: FullResponse): boolean {
	if (!refusal || response.statusCode !== refusal.status) return false;
	if (!refusal.message) return true;
	return refusal.message.test(parsePrintOsError(response.body, response.statusCode).message);
}

/** Where a redirect points, as a host only (its path and query may carry tokens). */
function redirectTargetHost(location: string | undefined, requestUrl: string): string {
	if (!location) return 'no Location given';
	try {
		return new URL(location, requestUrl).host;
	} catch {
		return 'an invalid Location';
	}
}

/** Signed requests never follow redirects (the signing headers would go along): a 3xx is an error. */
function redirectRefused(node: INode, status: number, location: string | undefined, requestUrl: string, operation: string, itemIndex?: number): NodeApiError {
	const target = redirectTargetHost(location, requestUrl);
	return new NodeApiError(
		node,
		{ status, message: `redirect to ${target}` },
		{
			message: `PrintOS answered ${operation} with a redirect (${status}) to ${target}; signed requests do not follow redirects`,
			description:
				'The signing headers are sent only to the host the request was signed for. Check the credential\'s environment or base URL: it should name the API host itself.',
			httpCode: String(status),
			itemIndex,
		},
	);
}

function announcedLimits(response: FullResponse, sentAt: number) {
	const number = (name: string) => {
		const value = headerValue(response.headers, name);
		return value ? Number(value) : undefined;
	};
	return { limit: number('x-ratelimit-limit'), remaining: number('x-ratelimit-remaining'), sentAt };
}

export class PrintOsClient {
	/** The batch of items this client serves; it may hold requests (see items.ts). */
	readonly batch = new ItemBatch();

	private constructor(
		private readonly context: PrintOsContext,
		readonly credentialType: PrintOsCredentialType,
		private readonly credentials: ICredentialDataDecryptedObject,
		readonly settings: ClientSettings,
	) {}

	static async create(
		context: PrintOsContext,
		credentialType: PrintOsCredentialType,
		settings: Partial<ClientSettings> = {},
	): Promise<PrintOsClient> {
		const credentials = await context.getCredentials(credentialType);
		return new PrintOsClient(context, credentialType, credentials, {
			...DEFAULT_CLIENT_SETTINGS,
			...settings,
			retry: { ...DEFAULT_CLIENT_SETTINGS.retry, ...(settings.retry ?? {}) },
		});
	}

	get node(): INode {
		return this.context.getNode();
	}

	baseUrl(service: PrintOsService, itemIndex?: number): string {
		try {
			return serviceBaseUrl(this.credentialType, this.credentials, service);
		} catch (error) {
			throw new NodeOperationError(this.node, (error as Error).message, { itemIndex });
		}
	}

	url(request: Pick<PrintOsRequest, 'service' | 'endpoint' | 'pathParams' | 'itemIndex'>): string {
		let path: string;
		try {
			path = fillPath(request.endpoint, request.pathParams);
		} catch (error) {
			const where = request.itemIndex === undefined ? '' : ` [item ${request.itemIndex}]`;
			throw new NodeOperationError(this.node, `${(error as Error).message}${where}`, {
				itemIndex: request.itemIndex,
			});
		}
		return `${this.baseUrl(request.service, request.itemIndex)}${path}`;
	}

	async request<T = unknown>(request: PrintOsRequest): Promise<T> {
		return (await this.requestWithResponse<T>(request)).body;
	}

	async requestWithResponse<T = unknown>(request: PrintOsRequest): Promise<PrintOsResponse<T>> {
		this.batch.beforeRequest();
		const { endpoint } = request;
		const url = this.url(request);
		const paceKey = rateLimitKey(this.credentialType, this.credentials, url);
		const mode = request.retryMode ?? defaultRetryMode(endpoint.method);
		const operation = request.operation ?? `${endpoint.method} ${endpoint.path}`;
		const options: IHttpRequestOptions = {
			method: endpoint.method as IHttpRequestMethods,
			url,
			qs: request.qs,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.settings.timeoutMs,
		};
		if (request.body !== undefined && endpoint.method !== 'GET') options.body = request.body;
		if (request.stream) Object.assign(options, { json: false, encoding: 'stream', disableFollowRedirect: true });

		let anAttemptLostItsAnswer = false;
		// the pacer's send time of the current attempt, for what PrintOS answers to it
		let sentAt = 0;
		const attempt = async (): Promise<AttemptResult<PrintOsResponse<T>>> => {
			let response: FullResponse;
			try {
				response = (await this.context.helpers.httpRequestWithAuthentication.call(
					this.context,
					this.credentialType,
					{ ...options, headers: { ...(options.headers ?? {}) } },
				)) as FullResponse;
			} catch (error) {
				if (isCancellation(error)) throw connectionError(this.node, 'the execution was cancelled', operation, request.itemIndex);
				anAttemptLostItsAnswer = true;
				const failure = networkReason(error);
				return {
					done: false,
					outcome: { kind: 'networkError' },
					giveUp: (attempts) => this.connectionLost(failure, attempts, url, operation, request),
				};
			}

			if (request.stream && response.statusCode >= 400) {
				response.body = await readRefusalBody(response.body);
			}
			adoptAnnouncedLimit(paceKey, announcedLimits(response, sentAt), this.settings.pacePerMinute);
			// A download gets its redirect back to fetch the target unsigned; anything else refuses it.
			if (response.statusCode >= 300 && response.statusCode < 400 && !request.stream) {
				throw redirectRefused(this.node, response.statusCode, headerValue(response.headers, 'location'), url, operation, request.itemIndex);
			}
			const answer: PrintOsResponse<T> = {
				status: response.statusCode,
				headers: response.headers as Record<string, string>,
				body: response.body as T,
			};
			if (response.statusCode < 400) {
				noteSuccess(paceKey);
				return { done: true, value: answer };
			}
			if (anAttemptLostItsAnswer && isRefusedAsAlreadyDone(endpoint.repeatRefusal, response)) {
				return { done: true, value: { ...answer, confirmedByRepeat: true } };
			}
			const refused = response;
			return {
				done: false,
				outcome: { kind: 'response', status: refused.statusCode, retryAfterHeader: headerValue(refused.headers, 'retry-after') },
				giveUp: (attempts) =>
					printOsApiError(this.node, {
						status: refused.statusCode,
						statusText: refused.statusMessage,
						body: refused.body,
						itemIndex: request.itemIndex,
						credentialDescription: describeCredential(this.credentialType, this.credentials),
						operation,
						attempts,
					}),
			};
		};

		return await runWithRetries(attempt, {
			mode,
			settings: this.settings.retry,
			timeoutMs: this.settings.timeoutMs,
			beforeAttempt: async () => {
				sentAt = await acquireSlot(paceKey, this.settings.pacePerMinute, { learn: this.settings.learnPace });
			},
			afterFailure: (outcome, delayMs) => {
				if (outcome.kind !== 'response' || outcome.status !== 429) return;
				// this request may give up, but the account's other requests still owe PrintOS the wait
				const wait = delayMs || retryDelayMs(outcome, 1, this.settings.retry);
				pauseAccount(paceKey, Date.now() + wait, sentAt);
			},
		});
	}

	/** No answer after the last attempt; a POST may still have been processed, so it says so. */
	private connectionLost(failure: NetworkFailure, attempts: Attempts, url: string, operation: string, request: PrintOsRequest): NodeApiError {
		const reason = networkFailureReason(failure, {
			...attempts,
			timeoutMs: this.settings.timeoutMs,
			host: new URL(url).host,
		});
		if (request.endpoint.method === 'POST') {
			const message = `The connection to PrintOS was lost during ${operation}; PrintOS may or may not have processed it: ${reason}`;
			return withOwnMessage(
				new PrintOsOutcomeUnknownError(this.node, { message: reason }, { message, itemIndex: request.itemIndex }),
				message,
			);
		}
		return connectionError(this.node, reason, operation, request.itemIndex);
	}
}

export function isOutcomeUnknown(error: unknown): error is PrintOsOutcomeUnknownError {
	return error instanceof PrintOsOutcomeUnknownError;
}
