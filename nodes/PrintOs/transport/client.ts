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
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { connectionError, networkFailureReason, withOwnMessage, parsePrintOsError, printOsApiError } from './apiError';
import {
	describeCredential,
	rateLimitKey,
	serviceBaseUrl,
	type PrintOsCredentialType,
	type PrintOsService,
} from './connection';
import { fillPath, type Endpoint, type RepeatRefusal } from './endpoint';
import { ItemBatch } from './items';
import { acquireSlot, adoptAnnouncedLimit, DEFAULT_PACE_PER_MINUTE, pauseAccount } from './pacer';
import {
	DEFAULT_RETRY_SETTINGS,
	defaultRetryMode,
	isRetryable,
	retryDelayMs,
	retryFitsDeadline,
	type AttemptOutcome,
	type RetryMode,
	type RetrySettings,
} from './retryPolicy';

export type PrintOsContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export interface ClientSettings {
	/** Requests per minute this process sends for one account; 0 turns pacing off. */
	pacePerMinute: number;
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
export class PrintOsOutcomeUnknownError extends NodeApiError {
	readonly outcomeUnknown = true;
}

interface FullResponse {
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
	statusMessage?: string;
}

/**
 * The error code and the original words of a failed request. Some n8n versions hand over the HTTP
 * client's error as `cause`; others wrap it in a NodeApiError whose message is n8n's paraphrase,
 * keeping the original words in `messages` and the code in `httpCode`.
 */
function networkReason(error: unknown): { code?: string; reason: string } {
	const candidate = error as {
		cause?: { code?: string; message?: string };
		code?: string;
		httpCode?: string | null;
		message?: string;
		messages?: string[];
	};
	const wrappedCode = candidate?.httpCode && !/^\d+$/.test(candidate.httpCode) ? candidate.httpCode : undefined;
	const code = candidate?.cause?.code ?? candidate?.code ?? wrappedCode;
	const message = candidate?.cause?.message ?? candidate?.messages?.[0] ?? candidate?.message ?? 'unknown network error';
	return { code: typeof code === 'string' ? code : undefined, reason: String(message) };
}

function isRefusedAsAlreadyDone(refusal: RepeatRefusal | undefined, response: FullResponse): boolean {
	if (!refusal || response.statusCode !== refusal.status) return false;
	if (!refusal.message) return true;
	return refusal.message.test(parsePrintOsError(response.body, response.statusCode).message);
}

function isCancellation(code: string | undefined): boolean {
	return code === 'ERR_CANCELED';
}

const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The refusal of a download request, read from its stream (bounded) and parsed as JSON when it is. */
async function readErrorBody(body: unknown): Promise<unknown> {
	const stream = body as AsyncIterable<Buffer> & { destroy?: () => void };
	if (!stream || typeof stream[Symbol.asyncIterator] !== 'function') return body;
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			chunks.push(chunk);
			size += chunk.length;
			if (size >= MAX_ERROR_BODY_BYTES) break;
		}
	} catch {
		// a refusal cut short still says what it said so far
	}
	stream.destroy?.();
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function headerValue(headers: FullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name];
	return Array.isArray(value) ? value[0] : value;
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

		let waited = 0;
		let anAttemptLostItsAnswer = false;
		const startedAt = Date.now();
		for (let retry = 0; ; retry++) {
			await acquireSlot(paceKey, this.settings.pacePerMinute);
			let outcome: AttemptOutcome;
			let response: FullResponse | undefined;
			let failure: { code?: string; reason: string } | undefined;
			try {
				response = (await this.context.helpers.httpRequestWithAuthentication.call(
					this.context,
					this.credentialType,
					{ ...options, headers: { ...(options.headers ?? {}) } },
				)) as FullResponse;
				outcome = {
					kind: 'response',
					status: response.statusCode,
					retryAfterHeader: headerValue(response.headers, 'retry-after'),
				};
			} catch (error) {
				failure = networkReason(error);
				if (isCancellation(failure.code)) throw connectionError(this.node, 'the execution was cancelled', operation, request.itemIndex);
				outcome = { kind: 'networkError' };
				anAttemptLostItsAnswer = true;
			}

			if (response && request.stream && response.statusCode >= 400) {
				response.body = await readErrorBody(response.body);
			}
			if (response) {
				const announced = Number(headerValue(response.headers, 'x-ratelimit-limit'));
				if (announced) adoptAnnouncedLimit(paceKey, announced, this.settings.pacePerMinute);
				if (response.statusCode >= 300 && response.statusCode < 400) {
					// a download's redirect goes back to the caller, which fetches the target unsigned
					if (request.stream) return { status: response.statusCode, headers: response.headers as Record<string, string>, body: response.body as T };
					throw redirectRefused(this.node, response.statusCode, headerValue(response.headers, 'location'), url, operation, request.itemIndex);
				}
				if (response.statusCode < 400) {
					return {
						status: response.statusCode,
						headers: response.headers as Record<string, string>,
						body: response.body as T,
					};
				}
				if (anAttemptLostItsAnswer && isRefusedAsAlreadyDone(endpoint.repeatRefusal, response)) {
					return {
						status: response.statusCode,
						headers: response.headers as Record<string, string>,
						body: response.body as T,
						confirmedByRepeat: true,
					};
				}
			}

			const canRetry = isRetryable(outcome, mode) && retry < this.settings.retry.maxRetries;
			const delay = canRetry ? retryDelayMs(outcome, retry + 1, this.settings.retry) : 0;
			if (outcome.kind === 'response' && outcome.status === 429) {
				pauseAccount(paceKey, Date.now() + delay);
			}
			const inTime = retryFitsDeadline(outcome, {
				elapsedMs: Date.now() - startedAt,
				delayMs: delay,
				waitedMs: waited,
				timeoutMs: this.settings.timeoutMs,
				settings: this.settings.retry,
			});
			if (canRetry && inTime) {
				waited += delay;
				await sleep(delay);
				continue;
			}

			const attempts = { count: retry + 1, elapsedMs: Date.now() - startedAt };
			if (response) {
				throw printOsApiError(this.node, {
					status: response.statusCode,
					statusText: response.statusMessage,
					body: response.body,
					itemIndex: request.itemIndex,
					credentialDescription: describeCredential(this.credentialType, this.credentials),
					operation,
					attempts,
				});
			}
			const reason = networkFailureReason(failure ?? { reason: 'network error' }, {
				...attempts,
				timeoutMs: this.settings.timeoutMs,
				host: new URL(url).host,
			});
			if (endpoint.method === 'POST') {
				const message = `The connection to PrintOS was lost during ${operation}; PrintOS may or may not have processed it: ${reason}`;
				throw withOwnMessage(
					new PrintOsOutcomeUnknownError(this.node, { message: reason }, { message, itemIndex: request.itemIndex }),
					message,
				);
			}
			throw connectionError(this.node, reason, operation, request.itemIndex);
		}
	}
}

export function isOutcomeUnknown(error: unknown): error is PrintOsOutcomeUnknownError {
	return error instanceof PrintOsOutcomeUnknownError;
}
