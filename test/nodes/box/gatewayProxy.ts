/**
 * A pass-through proxy in front of the sandbox for the upload tests. The sandbox builds upload URLs
 * from the Host it was called on, so the node's unsigned PUTs come through here too, where the test
 * can see their headers and, when it asks, spoil them: a wrong URL signature (the sandbox itself
 * then refuses the PUT) or a 503 before the sandbox sees it (the sandbox's fault knobs do not reach
 * upload URLs).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

export interface SeenPut {
	path: string;
	headers: IncomingHttpHeaders;
	bytes: number;
}

export interface GatewayProxy {
	url: string;
	puts: SeenPut[];
	/** Replace the `signature` of upload URLs in `uploadurls` answers. */
	corruptUploadSignature: boolean;
	/** Answer this many upload PUTs with 503 before forwarding any. */
	failUploadPuts: number;
	/** Answer upload PUTs with a 307 to the sandbox's own upload URL. */
	redirectUploadPuts: boolean;
	close(): Promise<void>;
}

export async function startGatewayProxy(target: string): Promise<GatewayProxy> {
	const targetUrl = new URL(target);
	const state: GatewayProxy = {
		url: '',
		puts: [],
		corruptUploadSignature: false,
		failUploadPuts: 0,
		redirectUploadPuts: false,
		close: async () => {},
	};

	const server: Server = createServer((req, res) => {
		const path = req.url ?? '/';
		const isUploadPut = req.method === 'PUT' && path.startsWith('/_uploads/');
		if (isUploadPut) {
			const seen: SeenPut = { path, headers: req.headers, bytes: 0 };
			state.puts.push(seen);
			req.on('data', (chunk: Buffer) => (seen.bytes += chunk.length));
			if (state.failUploadPuts > 0) {
				state.failUploadPuts--;
				req.resume();
				req.on('end', () => {
					res.writeHead(503, { 'content-type': 'application/xml' });
					res.end('<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
				});
				return;
			}
			if (state.redirectUploadPuts) {
				req.resume();
				req.on('end', () => {
					res.writeHead(307, { location: `${target}${path}` });
					res.end();
				});
				return;
			}
		}
		const rewrite = state.corruptUploadSignature && /\/uploadurls(\?|$)/.test(path);
		const upstream = httpRequest(
			{
				host: targetUrl.hostname,
				port: targetUrl.port,
				method: req.method,
				path,
				// the Host stays the proxy's, so upload URLs point back here
				headers: req.headers,
			},
			(answer) => {
				if (!rewrite) {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
					return;
				}
				let body = '';
				answer.setEncoding('utf8');
				answer.on('data', (chunk: string) => (body += chunk));
				answer.on('end', () => {
					const text = body.replace(/signature=[0-9a-f]+/g, 'signature=forged');
					const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) };
					res.writeHead(answer.statusCode ?? 502, headers);
					res.end(text);
				});
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	state.close = async () =>
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return state;
}
