import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox } from '../../sandbox';
import { parseArgs } from '../../sandbox/cli';
import { siteFlow, validOrder } from './client';

describe('sandbox command line: postbacks to a trigger that wants a header token', () => {
	it('gives every --trigger the --trigger-header headers', () => {
		const { options } = parseArgs(['--trigger', 'http://a/x,order.shipped', '--trigger', 'http://b/y', '--trigger-header', 'x-postback-token: s3cret']);
		expect(options.triggers).toEqual([
			{ url: 'http://a/x', events: ['order.shipped'], headers: { 'x-postback-token': 's3cret' } },
			{ url: 'http://b/y', events: [], headers: { 'x-postback-token': 's3cret' } },
		]);
		expect(() => parseArgs(['--trigger-header', 'no-colon'])).toThrow(/NAME:VALUE/);
	});

	it('sends the header with each postback', async () => {
		const seen: string[] = [];
		const receiver = http.createServer((request, response) => {
			seen.push(String(request.headers['x-postback-token']));
			request.resume().on('end', () => response.end('ok'));
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		const { options } = parseArgs(['--trigger', url, '--trigger-header', 'x-postback-token:s3cret']);
		const sandbox = await startSandbox({ ...options, port: 0, orderServicePort: 0 });
		try {
			const submitted = await siteFlow(sandbox.url, 'POST', '/api/order', { body: validOrder() });
			expect(submitted.status).toBeLessThan(300);
			const { deliveries } = await sandbox.forceEvent(String(submitted.body._id ?? submitted.body.order?._id), 'Order Cancelled');
			expect(deliveries.length).toBeGreaterThan(0);
			expect(seen.length).toBeGreaterThan(0);
			expect(new Set(seen)).toEqual(new Set(['s3cret']));
		} finally {
			await sandbox.close();
			await new Promise((resolve) => receiver.close(resolve));
		}
	});
});
