/**
 * Endpoint tables: every PrintOS path the package uses, with its evidence level beside it (docs/printos-api.md#evidence),
 * so that a path corrected against a live account changes in one place (nodes and sandbox alike).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** docs/printos-api.md#evidence tags. INFER and NAMED-ONLY paths are guesses that follow the confirmed conventions. */
export type Confidence = 'DOC' | 'SAMPLE' | '3P' | 'INFER' | 'NAMED-ONLY';

export interface Endpoint {
	method: HttpMethod;
	/** Relative to the service base; `{name}` placeholders are filled percent-encoded. */
	path: string;
	confidence: Confidence;
	/**
	 * How PrintOS refuses the repeat of this (idempotent) write once it has already been processed,
	 * e.g. 400 "Order is already cancelled". After an attempt whose answer was lost, that refusal
	 * means the first attempt did the work, so the client reports success instead of failing the item.
	 */
	repeatRefusal?: RepeatRefusal;
}

export interface RepeatRefusal {
	status: number;
	/** Matched against PrintOS's message; without it any answer with `status` counts. */
	message?: RegExp;
}

export const UNCONFIRMED: ReadonlySet<Confidence> = new Set<Confidence>(['3P', 'INFER', 'NAMED-ONLY']);

export function isUnconfirmed(endpoint: Endpoint): boolean {
	return UNCONFIRMED.has(endpoint.confidence);
}

/** A sentence for operation descriptions built on an unconfirmed path, empty otherwise. */
export function confidenceNotice(endpoint: Endpoint): string {
	if (!isUnconfirmed(endpoint)) return '';
	const source =
		endpoint.confidence === '3P'
			? 'known only from third-party integrations'
			: 'inferred: HP names this capability but publishes no path';
	return `Uses ${endpoint.method} ${endpoint.path}, ${source}.`;
}

/** Encodes a path parameter. `+` is encoded too, so every server-side decoder yields `+` (docs/printos-api.md#signing-site-flow). */
export function encodePathParameter(value: string): string {
	return encodeURIComponent(value);
}

/**
 * Fills `{name}` placeholders. An empty value, `.` or `..` is refused: percent-encoding leaves dots
 * as they are, and the HTTP client would collapse such a segment into another path than the one
 * signed (`/order/..` becomes `/`).
 */
export function fillPath(endpoint: Endpoint, params: Record<string, string | number> = {}): string {
	return endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
		if (value === undefined || value === null || String(value).trim() === '') {
			throw new Error(`The "${name}" is empty: ${endpoint.method} ${endpoint.path} needs it`);
		}
		const text = String(value);
		if (text === '.' || text === '..') {
			throw new Error(`The "${name}" "${text}" is not an id: "." and ".." would change the request's path`);
		}
		return encodePathParameter(text);
	});
}

/** Path parameters of a template, in order. */
export function pathParameters(endpoint: Endpoint): string[] {
	return [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
}
