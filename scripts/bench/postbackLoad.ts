/**
 * A bounded postback load: N POSTs to one webhook URL over a few keep-alive connections to
 * 127.0.0.1, as Site Flow would send them (JSON body, secret header). Every answer must be 2xx.
 */
import http from 'node:http';

export interface LoadResult {
	sent: number;
	ok: number;
	failed: number;
	statuses: Record<string, number>;
	seconds: number;
	perSecond: number;
}

export function postbackBody(index: number): string {
	return JSON.stringify({
		event: 'Order Received',
		timestamp: new Date().toISOString(),
		sourceOrderId: `BENCH-${String(index).padStart(6, '0')}`,
		orderId: (0x65f000000000 + index).toString(16).padStart(24, '0'),
		status: 'dataready',
	});
}

function post(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> {
	return new Promise((resolve) => {
		const request = http.request(
			{
				agent,
				host: url.hostname,
				port: url.port,
				path: url.pathname,
				method: 'POST',
				headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
				response.on('error', () => resolve(0));
			},
		);
		request.on('error', () => resolve(0));
		request.end(body);
	});
}

export async function firePostbacks(
	url: string,
	headers: Record<string, string>,
	count: number,
	connections: number,
	firstIndex = 0,
): Promise<LoadResult> {
	const target = new URL(url);
	if (target.hostname !== '127.0.0.1') throw new Error('postback load goes to 127.0.0.1 only');
	const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
	const statuses: Record<string, number> = {};
	let next = 0;
	let ok = 0;
	const started = process.hrtime.bigint();
	const worker = async () => {
		while (next < count) {
			const index = next++;
			const status = await post(agent, target, headers, postbackBody(firstIndex + index));
			statuses[status] = (statuses[status] ?? 0) + 1;
			if (status >= 200 && status < 300) ok++;
		}
	};
	await Promise.all(Array.from({ length: connections }, worker));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	agent.destroy();
	return { sent: count, ok, failed: count - ok, statuses, seconds, perSecond: count / seconds };
}
