/**
 * A real HTTP server whose answers a test scripts one by one, for transport rules that need exact
 * sequences (503, 503, 200…). Records every request and the most requests it had in flight.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

export interface ScriptedReply {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	delayMs?: number;
	/** Destroy the socket instead of answering. */
	drop?: boolean;
}

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
	/** The body's bytes as received. */
	bytes: Buffer;
}

export interface ScriptedServer {
	url: string;
	requests: RecordedRequest[];
	maxInFlight: number;
	/** Replies used in order; when empty, `fallback` answers. */
	script: ScriptedReply[];
	fallback: (request: RecordedRequest) => ScriptedReply;
	close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
	let inFlight = 0;
	const state: ScriptedServer = {
		url: '',
		requests: [],
		maxInFlight: 0,
		script: [],
		fallback: (request) => ({ status: 200, body: { ok: true, method: request.method, url: request.url } }),
		close: async () => {},
	};
	const pending = new Set<NodeJS.Timeout>();
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const recorded: RecordedRequest = {
				method: req.method ?? 'GET',
				url: req.url ?? '/',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				bytes: Buffer.concat(chunks),
			};
			state.requests.push(recorded);
			inFlight++;
			state.maxInFlight = Math.max(state.maxInFlight, inFlight);
			const reply = state.script.shift() ?? state.fallback(recorded);
			const answer = () => {
				inFlight--;
				if (reply.drop) {
					req.socket.destroy();
					return;
				}
				const isText = typeof reply.body === 'string';
				res.writeHead(reply.status ?? 200, {
					'content-type': isText ? 'text/plain' : 'application/json',
					...(reply.headers ?? {}),
				});
				res.end(isText ? (reply.body as string) : JSON.stringify(reply.body ?? {}));
			};
			if (reply.delayMs) {
				const timer = setTimeout(() => {
					pending.delete(timer);
					answer();
				}, reply.delayMs);
				pending.add(timer);
			} else answer();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	state.close = () =>
		new Promise<void>((resolve) => {
			// answers still waiting for their delay (a server that "never answers") go with the server
			for (const timer of pending) clearTimeout(timer);
			pending.clear();
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return state;
}
