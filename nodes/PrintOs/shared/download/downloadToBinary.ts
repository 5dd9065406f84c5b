/**
 * Brings a PrintOS file into n8n's binary data, streamed: the signed request goes through the
 * transport (pacing, retries, PrintOS's own error messages); when PrintOS answers with a redirect to
 * storage (a presigned URL), that URL is fetched with n8n's unsigned `httpRequest`, so no signing
 * header ever reaches a third party, the same reason uploads go through `../upload/presignedPut.ts`.
 * The response stream goes straight into `prepareBinaryData`: in n8n's filesystem binary mode the
 * bytes travel to disk without being held in memory. A body that ends short of its Content-Length
 * fails the item, so a download broken off midway never becomes a binary. A gzip-, deflate- or
 * br-encoded answer is stored decoded: the file itself, as a browser would save it.
 */
import type { IBinaryData, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { PrintOsClient, PrintOsRequest } from '../../transport/client';
import {
	describeNetworkFailure,
	headerValue,
	networkReason,
	readRefusalBody,
	type FullResponse,
} from '../../transport/httpExchange';
import { runWithRetries, type AttemptResult } from '../../transport/retryLoop';
import { refusedByStorage, storageRequestFailed, type StorageExchange } from '../storageExchange';
import { redactPresignedUrl, refusalReason } from '../upload/presignedPut';
import { PRINT_FILE_TYPES } from '../upload/mimeTypes';

/** The response body n8n hands back for `encoding: 'stream'`, named through its helper type. */
type ResponseStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

type StreamResponse = FullResponse<ResponseStream>;

export interface DownloadTarget {
	/** Preferred over what the response says (PrintOS's metadata names files better than storage does). */
	fileName?: string;
	/**
	 * When neither `fileName` nor the storage's Content-Disposition gives a name with an extension: this
	 * name, with the extension of the type the storage answers (a storage URL's last segment is often an id).
	 */
	fallbackBaseName?: string;
	mimeType?: string;
	itemIndex: number;
	/** Named in error messages, e.g. "File: Download". */
	operation: string;
}

export function hasExtension(name: string | undefined): name is string {
	return name !== undefined && /\.[a-z0-9]{2,5}$/i.test(name);
}

/** `base` with the usual extension of a print file type, or as it is for any other type. */
export function withExtensionOf(base: string | undefined, mimeType: string | undefined): string | undefined {
	if (!base) return undefined;
	const type = PRINT_FILE_TYPES.find((entry) => entry.value === mimeType?.toLowerCase());
	return type ? `${base}.${type.extensions[0]}` : base;
}

/** `filename` of a Content-Disposition header, plain or RFC 5987 encoded. */
export function dispositionFileName(value: string | undefined): string | undefined {
	if (!value) return undefined;
	const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(value)?.[1];
	if (encoded) {
		try {
			return decodeURIComponent(encoded.trim());
		} catch {
			// fall through to the plain parameter
		}
	}
	return /filename\s*=\s*"?([^";]+)"?/i.exec(value)?.[1]?.trim() || undefined;
}

/** GETs a storage URL without credentials; retries what is safe to retry before any byte is kept. */
async function fetchUnsigned(
	context: IExecuteFunctions,
	client: PrintOsClient,
	url: string,
	target: DownloadTarget,
): Promise<StreamResponse> {
	const exchange: StorageExchange = {
		node: context.getNode(),
		direction: 'download',
		method: 'GET',
		where: redactPresignedUrl(url),
		operation: target.operation,
		itemIndex: target.itemIndex,
	};
	const attempt = async (): Promise<AttemptResult<StreamResponse>> => {
		const options: IHttpRequestOptions = {
			method: 'GET',
			url,
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: client.settings.timeoutMs,
			abortSignal: context.getExecutionCancelSignal?.(),
		};
		let response: StreamResponse;
		try {
			response = (await context.helpers.httpRequest(options)) as StreamResponse;
		} catch (error) {
			return storageRequestFailed(
				exchange,
				error,
				(failure) => `Could not download the file during ${target.operation}: ${failure}`,
			);
		}
		if (response.statusCode < 300) return { done: true, value: response };
		const reason = refusalReason(await readRefusalBody(response.body));
		return refusedByStorage(exchange, response, () => reason);
	};
	return await runWithRetries(attempt, {
		mode: 'idempotent',
		settings: client.settings.retry,
		timeoutMs: client.settings.timeoutMs,
		limit: 'waits',
	});
}

/**
 * Whether the body is the HTTP message itself, so that its Content-Length counts the bytes stored.
 * n8n's request helper decodes a gzip, deflate or br Content-Encoding as it reads (n8n offers no way
 * to turn that off), drops that header and hands over the decoder's stream, whose bytes the
 * Content-Length did not count; n8n 2 hands over a wrapper for every body. Where the body is not the
 * message, the stream itself guards completeness while it is read: Node fails a message cut short of
 * its Content-Length, and a decoder fails a cut-off encoding.
 */
function isUndecodedMessage(body: ResponseStream): boolean {
	return Array.isArray((body as { rawHeaders?: unknown }).rawHeaders);
}

async function storedSize(context: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (binary.id) return Number((await context.helpers.getBinaryMetadata(binary.id)).fileSize);
	return Buffer.from(binary.data, 'base64').length;
}

export async function downloadToBinary(
	context: IExecuteFunctions,
	client: PrintOsClient,
	request: PrintOsRequest,
	target: DownloadTarget,
): Promise<IBinaryData> {
	const signed = await client.requestWithResponse<ResponseStream>({ ...request, stream: true, itemIndex: target.itemIndex, operation: target.operation });
	let response: StreamResponse = { body: signed.body, headers: signed.headers, statusCode: signed.status };
	if (response.statusCode >= 300) {
		response.body.destroy();
		const location = headerValue(response.headers, 'location');
		if (!location) {
			throw new NodeApiError(context.getNode(), { status: response.statusCode, message: 'redirect without a Location' } as JsonObject, {
				message: `PrintOS answered ${target.operation} with a redirect (HTTP ${response.statusCode}) but named no address`,
				itemIndex: target.itemIndex,
			});
		}
		response = await fetchUnsigned(context, client, new URL(location, client.url(request)).toString(), target);
	}

	const expected = Number(headerValue(response.headers, 'content-length'));
	const mimeType = target.mimeType || headerValue(response.headers, 'content-type')?.split(';')[0].trim() || undefined;
	const disposed = dispositionFileName(headerValue(response.headers, 'content-disposition'));
	const fileName =
		target.fileName || (hasExtension(disposed) ? disposed : (withExtensionOf(target.fallbackBaseName, mimeType) ?? disposed));
	let binary: IBinaryData;
	try {
		binary = await context.helpers.prepareBinaryData(response.body, fileName, mimeType);
	} catch (error) {
		response.body.destroy();
		throw new NodeApiError(context.getNode(), { message: describeNetworkFailure(networkReason(error)) } as JsonObject, {
			// n8n would replace a message naming a socket error code with a generic one
			message: `The download broke off during ${target.operation}: the connection closed before the whole file arrived`,
			description: `${describeNetworkFailure(networkReason(error))}. The item gets no partial file; run the operation again.`,
			itemIndex: target.itemIndex,
		});
	}
	if (Number.isFinite(expected) && headerValue(response.headers, 'content-length') !== undefined && isUndecodedMessage(response.body)) {
		const size = await storedSize(context, binary);
		if (size !== expected) {
			throw new NodeApiError(context.getNode(), { message: 'short download' } as JsonObject, {
				message: `The download broke off during ${target.operation}: ${size} of ${expected} bytes arrived`,
				description: 'The item gets no partial file; run the operation again.',
				itemIndex: target.itemIndex,
			});
		}
	}
	return binary;
}
