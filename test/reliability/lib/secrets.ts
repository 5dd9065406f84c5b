/**
 * Looks for secrets where they must never be: node output, run data, errors (message, description,
 * cause, response), console and log output, and the sandbox's request and postback logs minus their
 * headers (which legitimately carry signatures and tokens).
 *
 * What counts as a secret:
 * - the credentials' secrets (the HMAC signing keys), the postback token and Basic Auth password,
 *   also base64-encoded;
 * - every full request signature that was sent. In-process they are recorded as the credential
 *   classes produce them (`recordSignatures`); for a real n8n they are recomputed from the sandbox's
 *   request log, which keeps each request's signed date (`signaturesFromRequestLog`).
 *
 * This module imports no node class, so the e2e scenario (run by scripts/e2e.ts under plain tsx)
 * can use it too.
 */
import {
	expectedGatewaySignature,
	expectedSiteFlowSignature,
	gatewayServicePath,
	type HmacAlgorithm,
} from '../../../credentials/common/signing';

export interface SecretFinding {
	/** Where it was found, e.g. "run data of box.folder.get × timeout". */
	where: string;
	/** Which secret (a label, never the value). */
	what: string;
	/** A few characters around it, with the secret itself masked. */
	context: string;
}

const HEX_RUN = /[0-9a-f]{40,}/gi;

function mask(text: string, secret: string): string {
	return text.split(secret).join(`<${secret.length} chars>`);
}

/** JSON of anything: circular references cut, Errors with their non-enumerable parts, Buffers as text. */
export function safeStringify(value: unknown, depthLimit = 40): string {
	const seen = new WeakSet<object>();
	const expand = (input: unknown, depth: number): unknown => {
		if (depth > depthLimit) return '[depth]';
		if (input === null || typeof input !== 'object') {
			if (typeof input === 'bigint') return input.toString();
			if (typeof input === 'function') return `[function ${(input as { name?: string }).name ?? ''}]`;
			return input;
		}
		if (Buffer.isBuffer(input)) return input.toString('latin1');
		if (seen.has(input)) return '[circular]';
		seen.add(input);
		if (input instanceof Map) return expand(Object.fromEntries(input), depth + 1);
		if (input instanceof Set) return expand([...input], depth + 1);
		if (Array.isArray(input)) return input.map((entry) => expand(entry, depth + 1));
		const out: Record<string, unknown> = {};
		if (input instanceof Error) {
			const error = input as Error & Record<string, unknown>;
			out.name = error.name;
			out.message = error.message;
			out.stack = error.stack;
			for (const key of ['description', 'cause', 'errorResponse', 'context', 'httpCode', 'messages', 'node']) {
				if (key in error) out[key] = expand(error[key], depth + 1);
			}
		}
		for (const key of Object.keys(input)) {
			// an Error's own parts were expanded above; a second pass would only find them "seen"
			if (!(key in out)) out[key] = expand((input as Record<string, unknown>)[key], depth + 1);
		}
		return out;
	};
	try {
		return JSON.stringify(expand(value, 0)) ?? String(value);
	} catch (error) {
		return `[unserialisable: ${(error as Error).message}]`;
	}
}

export class SecretScanner {
	private readonly secrets = new Map<string, string>();
	private readonly signatures = new Set<string>();
	readonly findings: SecretFinding[] = [];
	/** How much text was scanned, so a report can show the scan was not empty. */
	scannedChars = 0;
	scans = 0;

	/** A secret and its base64 form. Values shorter than 8 characters are refused: too likely by chance. */
	addSecret(label: string, value: string | undefined): void {
		if (!value) return;
		if (value.length < 8) throw new Error(`secret "${label}" is too short to look for reliably`);
		this.secrets.set(value, label);
		this.secrets.set(Buffer.from(value, 'utf8').toString('base64'), `${label} (base64)`);
	}

	addSignature(signature: string | undefined): void {
		if (signature && /^[0-9a-f]{40,}$/i.test(signature)) this.signatures.add(signature.toLowerCase());
	}

	/** Signatures are 40 (SHA1) or 64 (SHA256) hex characters; a longer run may hold one anywhere. */
	private containsSignature(run: string): boolean {
		for (const length of [40, 64]) {
			for (let start = 0; start + length <= run.length; start++) {
				if (this.signatures.has(run.slice(start, start + length))) return true;
			}
		}
		return false;
	}

	get signatureCount(): number {
		return this.signatures.size;
	}

	get secretLabels(): string[] {
		return [...new Set(this.secrets.values())];
	}

	/** Scans `data` (any value; strings as they are) and records what it finds under `where`. */
	scan(where: string, data: unknown): SecretFinding[] {
		const text = typeof data === 'string' ? data : safeStringify(data);
		this.scannedChars += text.length;
		this.scans++;
		const found: SecretFinding[] = [];
		for (const [value, label] of this.secrets) {
			const at = text.indexOf(value);
			if (at === -1) continue;
			const context = mask(text.slice(Math.max(0, at - 60), at + value.length + 60), value);
			found.push({ where, what: label, context });
		}
		if (this.signatures.size) {
			for (const match of text.matchAll(HEX_RUN)) {
				if (!this.containsSignature(match[0].toLowerCase())) continue;
				const at = match.index ?? 0;
				found.push({
					where,
					what: 'a full request signature',
					context: mask(text.slice(Math.max(0, at - 60), at + match[0].length + 60), match[0]),
				});
			}
		}
		this.findings.push(...found);
		return found;
	}
}

/** A request log entry as the sandbox keeps it (headers without the two signature headers). */
export interface LoggedRequest {
	method: string;
	path: string;
	scheme: 'A' | 'B' | null;
	credential: string | null;
	headers: Record<string, string | string[] | undefined>;
	[key: string]: unknown;
}

function header(headers: LoggedRequest['headers'], name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function algorithm(value: string | undefined, fallback: HmacAlgorithm): HmacAlgorithm {
	const upper = (value ?? '').toUpperCase().replace('-', '');
	return upper === 'SHA1' || upper === 'SHA256' ? upper : fallback;
}

/**
 * The signatures the client must have sent, recomputed from what the sandbox logged: each entry
 * keeps its signed date and algorithm headers (only the signature headers are left out).
 * `secretOf` maps a key or token to its secret.
 */
export function signaturesFromRequestLog(entries: LoggedRequest[], secretOf: (credential: string) => string | undefined): string[] {
	const out: string[] = [];
	for (const entry of entries) {
		if (!entry.credential) continue;
		const secret = secretOf(entry.credential);
		if (!secret) continue;
		if (entry.scheme === 'A') {
			const date = header(entry.headers, 'x-hp-hmac-date');
			if (!date) continue;
			out.push(
				expectedGatewaySignature(secret, entry.method, gatewayServicePath(entry.path), date, algorithm(header(entry.headers, 'x-hp-hmac-algorithm'), 'SHA256')),
			);
		} else if (entry.scheme === 'B') {
			const date = header(entry.headers, 'x-oneflow-date');
			if (!date) continue;
			out.push(expectedSiteFlowSignature(secret, entry.method, entry.path, date, algorithm(header(entry.headers, 'x-oneflow-algorithm'), 'SHA1')));
		}
	}
	return out;
}

/** A log entry without its request headers: what the secret scan may look at. */
export function withoutHeaders<T extends object>(entry: T): Omit<T, 'headers'> {
	const { headers: _headers, ...rest } = entry as T & { headers?: unknown };
	return rest;
}

/** Everything written to the console and to stdout/stderr while capturing. */
export class ConsoleCapture {
	private chunks: string[] = [];
	private restore: Array<() => void> = [];

	start(options: { silent?: boolean } = {}): this {
		const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
		for (const method of methods) {
			const original = console[method];
			console[method] = (...args: unknown[]) => {
				this.chunks.push(args.map((arg) => (typeof arg === 'string' ? arg : safeStringify(arg))).join(' '));
				if (!options.silent) original.apply(console, args);
			};
			this.restore.push(() => (console[method] = original));
		}
		for (const stream of [process.stdout, process.stderr]) {
			const original = stream.write.bind(stream);
			stream.write = ((chunk: unknown, ...rest: unknown[]) => {
				this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
				return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
			}) as typeof stream.write;
			this.restore.push(() => (stream.write = original as typeof stream.write));
		}
		return this;
	}

	/** The text captured since the last take. */
	take(): string {
		const text = this.chunks.join('\n');
		this.chunks = [];
		return text;
	}

	stop(): string {
		for (const undo of this.restore.reverse()) undo();
		this.restore = [];
		return this.take();
	}
}
