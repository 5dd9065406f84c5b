/**
 * PrintOS failures as NodeApiError, carrying PrintOS's own message and status (docs/printos-api.md#errors):
 * `{success:false, error:{message, code, validations:[{path,message}]}}`, `{message}` and plain text.
 * Built only from the response body: request headers (and so signatures) never reach the error.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export interface PrintOsValidation {
	path?: string;
	message?: string;
}

export interface ParsedPrintOsError {
	message: string;
	code?: string | number;
	name?: string;
	validations: PrintOsValidation[];
}

function asObject(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

const MAX_TEXT_IN_MESSAGE = 300;

export function parsePrintOsError(body: unknown, status: number, statusText = ''): ParsedPrintOsError {
	let data: unknown = body;
	if (Buffer.isBuffer(data)) data = data.toString('utf8');
	if (typeof data === 'string') data = tryParseJson(data) ?? data;

	const object = asObject(data);
	if (object) {
		const error = asObject(object.error);
		const rawValidations = (error?.validations ?? object.validations) as unknown;
		const validations = Array.isArray(rawValidations)
			? rawValidations.map((entry) => {
					const validation = asObject(entry) ?? {};
					return {
						path: typeof validation.path === 'string' ? validation.path : undefined,
						message:
							typeof validation.message === 'string' ? validation.message : JSON.stringify(entry),
					};
				})
			: [];
		const message =
			(typeof error?.message === 'string' && error.message) ||
			(typeof object.error === 'string' && object.error) ||
			(typeof object.message === 'string' && object.message) ||
			'';
		return {
			message: message || `PrintOS answered ${status}${statusText ? ` ${statusText}` : ''}`,
			code: (error?.code ?? object.code) as string | number | undefined,
			name: typeof error?.name === 'string' ? error.name : undefined,
			validations,
		};
	}
	const text = typeof data === 'string' ? data.trim() : '';
	return {
		message:
			text && !/^\s*</.test(text)
				? text.slice(0, MAX_TEXT_IN_MESSAGE)
				: `PrintOS answered ${status}${statusText ? ` ${statusText}` : ''}`,
		validations: [],
	};
}

export function formatValidations(validations: PrintOsValidation[]): string {
	return validations
		.map((validation) =>
			validation.path ? `${validation.path}: ${validation.message}` : `${validation.message}`,
		)
		.join('\n');
}

const CLOCK_WORDS = /\b(date|clock|skew|time ?stamp|expired|too far)\b/i;

export interface ApiErrorContext {
	status: number;
	statusText?: string;
	body: unknown;
	itemIndex?: number;
	/** e.g. "the HP Site Flow API credential (environment: production)" */
	credentialDescription: string;
	operation: string;
	/** How many attempts the transport made, over how long; named when there was more than one. */
	attempts?: Attempts;
}

export interface Attempts {
	count: number;
	elapsedMs: number;
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

export function describeAttempts(attempts: Attempts): string {
	return `${attempts.count} attempt${attempts.count === 1 ? '' : 's'} over ${seconds(attempts.elapsedMs)}`;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * Network error codes in words. A message naming the code itself would be replaced by n8n with a
 * generic sentence further up (see `withOwnMessage`), losing the attempts and the host.
 */
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection broken',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host not found (DNS)',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
};

/** Why requests got no answer, with how many attempts over how long and where they went (never the path). */
export function networkFailureReason(
	failure: { code?: string; reason: string },
	context: Attempts & { timeoutMs: number; host: string },
): string {
	const timedOut = (failure.code && TIMEOUT_CODES.has(failure.code)) || /time(d)? ?out/i.test(failure.reason);
	if (timedOut) {
		return `no answer from ${context.host} within ${seconds(context.timeoutMs)} — ${describeAttempts(context)}`;
	}
	const words = (failure.code && NETWORK_WORDS[failure.code]) || failure.reason;
	return `${words} — ${describeAttempts(context)} to ${context.host}`;
}

export function printOsApiError(node: INode, context: ApiErrorContext): NodeApiError {
	const parsed = parsePrintOsError(context.body, context.status, context.statusText);
	let message = parsed.message;
	const details: string[] = [];

	if (parsed.validations.length) {
		message = `${parsed.message}: ${parsed.validations.length} validation error${
			parsed.validations.length === 1 ? '' : 's'
		} — ${formatValidations(parsed.validations).replace(/\n/g, '; ')}`;
	}
	if (context.status === 401 || context.status === 403 || /not authori[sz]ed/i.test(parsed.message)) {
		details.push(
			`PrintOS refused ${context.credentialDescription} for ${context.operation}. Check the key or token, the secret and the environment.`,
		);
		if (CLOCK_WORDS.test(parsed.message)) {
			message = `${message} — check this machine's clock: PrintOS refuses signatures dated more than a few minutes from its own time`;
		}
	}
	if (context.status === 429) {
		details.push('PrintOS rate limit (3000 requests per minute per user) still exceeded after retries.');
	}
	if (context.attempts && context.attempts.count > 1) {
		details.push(`Gave up after ${describeAttempts(context.attempts)}.`);
	}

	const errorBody: JsonObject = {
		status: context.status,
		message: parsed.message,
		...(parsed.code !== undefined ? { code: parsed.code } : {}),
		...(parsed.validations.length ? { validations: parsed.validations as unknown as JsonObject[] } : {}),
	};
	return new NodeApiError(node, errorBody, {
		message,
		description: details.join(' ') || undefined,
		httpCode: String(context.status),
		itemIndex: context.itemIndex,
	});
}

/**
 * n8n swaps a message that names a network error code (ECONNABORTED, ECONNREFUSED…) for a generic
 * sentence ("perhaps the server is offline"); ours says more (attempts, time, host), so it stays.
 */
export function withOwnMessage<T extends NodeApiError>(error: T, message: string): T {
	error.message = message;
	return error;
}

export function connectionError(
	node: INode,
	reason: string,
	operation: string,
	itemIndex?: number,
): NodeApiError {
	const message = `Could not reach PrintOS for ${operation}: ${reason}`;
	return withOwnMessage(new NodeApiError(node, { message: reason }, { message, itemIndex }), message);
}
