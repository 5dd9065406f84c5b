/**
 * What every HTTP exchange of the package reads the same way, signed (client.ts) or unsigned
 * (presigned uploads, storage downloads): the full response n8n hands back, its headers, why a
 * request got no answer, whether the execution was cancelled, and a refusal read from a stream.
 */

/** n8n's answer to a request made with `returnFullResponse: true`. */
export interface FullResponse<Body = unknown> {
	body: Body;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
	statusMessage?: string;
}

export function headerValue(headers: FullResponse['headers'] | undefined, name: string): string | undefined {
	const value = headers?.[name];
	return Array.isArray(value) ? value[0] : value;
}

export interface NetworkFailure {
	code?: string;
	reason: string;
}

interface ErrorShape {
	cause?: { code?: string; message?: string; name?: string };
	code?: string;
	name?: string;
	httpCode?: string | null;
	message?: string;
	messages?: string[];
}

/**
 * The error code and the original words of a failed request. Some n8n versions hand over the HTTP
 * client's error as `cause`; others wrap it in a NodeApiError whose message is n8n's paraphrase,
 * keeping the original words in `messages` and the code in `httpCode`.
 */
export function networkReason(error: unknown): NetworkFailure {
	const candidate = error as ErrorShape | undefined;
	const wrappedCode = candidate?.httpCode && !/^\d+$/.test(candidate.httpCode) ? candidate.httpCode : undefined;
	const code = candidate?.cause?.code ?? candidate?.code ?? wrappedCode;
	const message = candidate?.cause?.message ?? candidate?.messages?.[0] ?? candidate?.message ?? 'unknown network error';
	return { code: typeof code === 'string' ? code : undefined, reason: String(message) };
}

/** A failure in one line: its words, and its code when the words do not already name it. */
export function describeNetworkFailure(failure: NetworkFailure): string {
	const { code, reason } = failure;
	return `${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`;
}

/** The execution was cancelled while the request ran (axios's CanceledError, bare or as `cause`). */
export function isCancellation(error: unknown): boolean {
	const candidate = error as ErrorShape | undefined;
	if (networkReason(error).code === 'ERR_CANCELED') return true;
	return [candidate, candidate?.cause].some(
		(part) => part?.code === 'ERR_CANCELED' || part?.name === 'CanceledError',
	);
}

const MAX_REFUSAL_BYTES = 64 * 1024;

/**
 * The refusal of a request answered as a stream, read up to 64 KiB and parsed as JSON when it is;
 * the stream is closed afterwards. A body that is not a stream is returned as it is.
 */
export async function readRefusalBody(body: unknown): Promise<unknown> {
	const stream = body as (AsyncIterable<Buffer> & { destroy?: () => void }) | undefined;
	if (!stream || typeof stream[Symbol.asyncIterator] !== 'function') return body;
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			chunks.push(chunk);
			size += chunk.length;
			if (size >= MAX_REFUSAL_BYTES) break;
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
