/**
 * PUTs artwork bytes to a presigned upload URL from Site Flow (spec §3.3: "PUT the bytes there …
 * (no HMAC)"). The URL carries its own authorisation, so this one request deliberately bypasses the
 * credential and goes through n8n's plain `httpRequest`: signing headers are not part of what the
 * URL was signed for. A PUT replaces the object, so 429, 5xx and lost connections are retried by the
 * transport's rules, re-opening the body each time. The URL's query (its signature) never appears in
 * errors.
 */
import type { IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { isRetryable, retryDelayMs, type AttemptOutcome, type RetrySettings } from '../../transport/retryPolicy';
import type { ArtworkBody, BinaryStream } from './binaryArtwork';

export interface PutSettings {
	timeoutMs: number;
	retry: RetrySettings;
	itemIndex: number;
	operation: string;
}

interface FullResponse {
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
}

/** The URL without query or fragment, where a presigned URL keeps its signature. */
export function withoutQuery(url: string): string {
	return url.replace(/[?#].*$/, '');
}

function firstHeader(headers: FullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name];
	return Array.isArray(value) ? value[0] : value;
}

function reasonOf(body: unknown): string {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : JSON.stringify(body ?? '');
	const xmlMessage = /<Message>([^<]*)<\/Message>/i.exec(text)?.[1];
	const reason = xmlMessage ?? (text.trim().startsWith('<') ? '' : text.trim());
	return reason.slice(0, 300);
}

function release(body: BinaryStream | Buffer | undefined) {
	if (body && !Buffer.isBuffer(body) && !body.destroyed) body.destroy();
}

export async function putArtwork(
	context: IExecuteFunctions,
	uploadUrl: string,
	artwork: ArtworkBody,
	settings: PutSettings,
): Promise<{ status: number; attempts: number }> {
	const node = context.getNode();
	let waited = 0;
	for (let retry = 0; ; retry++) {
		const body = await artwork.open();
		const options: IHttpRequestOptions = {
			method: 'PUT',
			url: uploadUrl,
			// a stream goes to the HTTP client untouched; the declared type only names Buffer
			body: body as Buffer,
			headers: { 'Content-Type': artwork.mimeType, 'Content-Length': String(artwork.contentLength) },
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: settings.timeoutMs,
		};
		let response: FullResponse | undefined;
		let failure = '';
		let outcome: AttemptOutcome;
		try {
			response = (await context.helpers.httpRequest(options)) as FullResponse;
			outcome = { kind: 'response', status: response.statusCode, retryAfterHeader: firstHeader(response.headers, 'retry-after') };
		} catch (error) {
			release(body);
			failure = (error as Error).message;
			outcome = { kind: 'networkError' };
		}
		if (response && response.statusCode < 300) return { status: response.statusCode, attempts: retry + 1 };
		release(body);

		const canRetry = isRetryable(outcome, 'idempotent') && retry < settings.retry.maxRetries;
		const delay = canRetry ? retryDelayMs(outcome, retry + 1, settings.retry) : 0;
		if (canRetry && waited + delay <= settings.retry.maxTotalWaitMs) {
			waited += delay;
			await sleep(delay);
			continue;
		}
		const where = `PUT ${withoutQuery(uploadUrl)} during ${settings.operation}`;
		if (response) {
			const reason = reasonOf(response.body);
			throw new NodeApiError(node, { status: response.statusCode, message: reason } as JsonObject, {
				message: `The upload URL refused the artwork (HTTP ${response.statusCode})${reason ? `: ${reason}` : ''}`,
				description: `${where}. Upload URLs expire soon after they are issued; run the operation again for a fresh one.`,
				httpCode: String(response.statusCode),
				itemIndex: settings.itemIndex,
			});
		}
		throw new NodeApiError(node, { message: failure } as JsonObject, {
			message: `Could not send the artwork to the upload URL: ${failure}`,
			description: where,
			itemIndex: settings.itemIndex,
		});
	}
}
