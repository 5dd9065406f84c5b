/**
 * PUTs file bytes to a presigned upload URL: Box's `uploadurls` (docs/printos-api.md#presigned-upload), Site Flow's
 * `getpreupload` and the `url` of a submitted order's files (docs/printos-api.md#presigned-upload). Such a URL carries its own
 * authorisation in its query string, so this request must not go through the credential: HMAC
 * headers are not part of what the URL was signed for, and storage services refuse or ignore them.
 * That is why this one request is sent with n8n's unsigned `httpRequest` rather than the PrintOS
 * transport. Both nodes upload through here.
 *
 * The body is streamed when the caller can stream it, with an explicit Content-Length, because
 * presigned storage PUTs refuse chunked uploads. Redirects are not followed: the redirect-following
 * transport keeps a copy of every byte written so it could replay them, which would hold the whole
 * file in memory, and a presigned URL has no business redirecting. 429, 5xx and lost connections are
 * retried by the transport's own rules (a PUT replaces the object, so it is idempotent), re-opening
 * the body each time since a stream can be read only once.
 */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { headerValue, type FullResponse } from '../../transport/httpExchange';
import type { RetrySettings } from '../../transport/retryPolicy';
import { runWithRetries, type AttemptResult } from '../../transport/retryLoop';
import { refusedByStorage, storageRequestFailed, type StorageExchange } from '../storageExchange';

import { redactUrl } from '../../../../credentials/common/environments';

/**
 * n8n's binary stream type, named through its helper: community nodes may not import `stream`, not
 * even for a type.
 */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

export interface UploadBody {
	contentType: string;
	/** Bytes the body will deliver; sent as Content-Length. */
	contentLength: number;
	/** Called once per attempt. */
	open: () => Promise<BinaryStream | Buffer>;
}

export interface PresignedPutSettings {
	/** How long the storage may take to answer once the bytes are sent. */
	timeoutMs: number;
	retry: RetrySettings;
	itemIndex?: number;
	/** Named in error messages, e.g. "File: Upload Binary" or "Order Artwork: Upload". */
	operation: string;
}

export interface PresignedPutResult {
	status: number;
	headers: Record<string, string>;
	attempts: number;
}

const MAX_REASON_LENGTH = 300;

/** The slowest upload speed allowed for before a PUT counts as hung: 256 KiB/s. */
const MIN_UPLOAD_BYTES_PER_SECOND = 256 * 1024;

/**
 * The request timeout covers the whole exchange, sending included, so a large file gets time to
 * travel on top of the time the storage may take to answer.
 */
export function uploadTimeoutMs(answerTimeoutMs: number, contentLength: number): number {
	return answerTimeoutMs + Math.ceil((contentLength / MIN_UPLOAD_BYTES_PER_SECOND) * 1000);
}

/** The URL without its query string: the query holds the presigned signature, which must not leak. */
export function redactPresignedUrl(url: string): string {
	return redactUrl(url);
}

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (typeof body === 'string') return body;
	try {
		return JSON.stringify(body);
	} catch {
		return '';
	}
}

/** Storage services answer in XML (`<Code>`, `<Message>`) or JSON; keep what explains the refusal. */
export function refusalReason(body: unknown): string {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
		const object = body as { message?: unknown; error?: unknown };
		const error = object.error as { message?: unknown } | string | undefined;
		const message =
			(typeof object.message === 'string' && object.message) ||
			(typeof error === 'string' && error) ||
			(typeof error === 'object' && typeof error?.message === 'string' && error.message) ||
			'';
		if (message) return message.slice(0, MAX_REASON_LENGTH);
	}
	const text = bodyText(body).trim();
	const code = /<Code>([^<]*)<\/Code>/i.exec(text)?.[1];
	const message = /<Message>([^<]*)<\/Message>/i.exec(text)?.[1];
	if (code || message) return [code, message].filter(Boolean).join(': ').slice(0, MAX_REASON_LENGTH);
	if (text && !text.startsWith('<')) return text.slice(0, MAX_REASON_LENGTH);
	return '';
}

function release(body: BinaryStream | Buffer | undefined) {
	if (body && !Buffer.isBuffer(body) && !body.destroyed) body.destroy();
}

export async function putToPresignedUrl(
	context: IExecuteFunctions,
	url: string,
	upload: UploadBody,
	settings: PresignedPutSettings,
): Promise<PresignedPutResult> {
	const exchange: StorageExchange = {
		node: context.getNode(),
		direction: 'upload',
		method: 'PUT',
		where: redactPresignedUrl(url),
		operation: settings.operation,
		itemIndex: settings.itemIndex,
	};

	const attempt = async (retry: number): Promise<AttemptResult<PresignedPutResult>> => {
		const body = await upload.open();
		const options: IHttpRequestOptions = {
			method: 'PUT',
			url,
			// the stream goes to axios untouched; the declared type knows only buffers and JSON
			body: body as unknown as Buffer,
			headers: {
				'Content-Type': upload.contentType,
				'Content-Length': String(upload.contentLength),
			},
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: uploadTimeoutMs(settings.timeoutMs, upload.contentLength),
			disableFollowRedirect: true,
			abortSignal: context.getExecutionCancelSignal?.(),
		};

		let response: FullResponse;
		try {
			response = (await context.helpers.httpRequest(options)) as FullResponse;
		} catch (error) {
			release(body);
			return storageRequestFailed(
				exchange,
				error,
				(failure) => `Could not send the file to the upload URL during ${settings.operation}: ${failure}`,
			);
		}

		if (response.statusCode < 300) {
			return {
				done: true,
				value: { status: response.statusCode, headers: response.headers as Record<string, string>, attempts: retry + 1 },
			};
		}
		release(body);
		return refusedByStorage(exchange, response, () =>
			response.statusCode < 400
				? `it redirects to ${redactPresignedUrl(headerValue(response.headers, 'location') ?? 'another address')}, which an upload URL should not do`
				: refusalReason(response.body),
		);
	};

	// a PUT replaces the object, so every failure the policy allows is retried; a large file's one
	// attempt may rightly take long, so only the waits are bounded
	return await runWithRetries(attempt, {
		mode: 'idempotent',
		settings: settings.retry,
		timeoutMs: settings.timeoutMs,
		limit: 'waits',
	});
}
