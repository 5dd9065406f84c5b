import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { startSandbox } from '../../sandbox';
import { parseArgs } from '../../sandbox/cli';
import { gateway, orderServiceRoot, siteFlow, validOrder } from './client';

let dir: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('--data persistence', () => {
	it('writes an order to disk before answering, atomically', async () => {
		const dataFile = join(dir, 'state.json');
		const sandbox = await startSandbox({ port: 0, dataFile });
		try {
			const reply = await siteFlow(sandbox.url, 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'DISK-1' }) });
			expect(reply.status).toBe(201);
			// read straight away: the response must not have come before the write
			const saved = JSON.parse(readFileSync(dataFile, 'utf8'));
			expect(saved.orders.map((order: { _id: string }) => order._id)).toContain(reply.body.order._id);
			const queued = await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'DISK-2' }) });
			expect(JSON.parse(readFileSync(dataFile, 'utf8')).orders.map((order: { _id: string }) => order._id)).toContain(queued.body._id);
			expect(readdirSync(dir)).toEqual(['state.json']);
		} finally {
			await sandbox.close();
		}
	});

	it('restores orders, indexes, pending steps, the clock, uploads and triggers after a restart', async () => {
		const dataFile = join(dir, 'state.json');
		const first = await startSandbox({ port: 0, dataFile });
		const order = (await siteFlow(first.url, 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'KEEP 1' }) })).body.order;
		const urls = (await gateway(first.url, 'GET', '/box/api/partner/file/uploadurls?mimeType=text/plain')).body;
		await fetch(urls.uploadUrl, { method: 'PUT', body: 'kept bytes' });
		const folder = (await gateway(first.url, 'POST', '/box/api/partner/folder', { body: { name: 'kept' } })).body;
		const trigger = first.addTrigger({ url: 'http://127.0.0.1:9/never', active: false });
		await first.advance(30);
		const clockBefore = first.clock().epochMs;
		await first.close();

		const second = await startSandbox({ port: 0, dataFile });
		try {
			const read = await siteFlow(second.url, 'GET', `/api/order/bysourceid/${encodeURIComponent('KEEP 1')}`);
			expect(read.status).toBe(200);
			expect(read.body._id).toBe(order._id);
			expect(read.body.orderData.status).toBe('printready');
			expect(second.clock().epochMs).toBeGreaterThanOrEqual(clockBefore);
			await second.advance(60);
			expect(second.order(order._id)?.orderData.status).toBe('printed');
			const duplicate = await siteFlow(second.url, 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'KEEP 1' }) });
			expect(duplicate.status).toBe(400);
			const id = new URL(urls.fetchUrl).pathname.split('/').pop() as string;
			expect(second.upload(id)).toMatchObject({ size: 10, complete: true });
			expect(await (await fetch(`${second.url}/_uploads/${id}`)).text()).toBe('kept bytes');
			expect((await gateway(second.url, 'GET', `/box/api/partner/folder/${folder._id}`)).status).toBe(200);
			expect(second.triggers().map((entry) => entry.id)).toEqual([trigger.id]);
		} finally {
			await second.close();
		}
	});
});

function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; orderServiceUrl: string }> {
	const child = spawn(join(__dirname, '../../node_modules/.bin/tsx'), [join(__dirname, '../../sandbox/cli.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${output}`)), 20_000);
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /PrintOS sandbox listening on (http:\/\/\S+) \(order service on (http:\/\/\S+)\)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve({ child, url: match[1], orderServiceUrl: match[2] });
			}
		});
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
	});
}

describe('CLI', () => {
	it('parses its flags', () => {
		const { options, quiet } = parseArgs([
			'--port', '0', '--host=0.0.0.0', '--data', 'x.json', '--key', 'k:s:with:colons', '--token', 't:s', '--trigger', 'http://h/x,Order Received',
			'--rate-limit', '0', '--max-skew-seconds', '60', '--allow-gateway-sha1', '--realtime', '--speed', '10', '--print-delay', '5', '--quiet',
		]);
		expect(quiet).toBe(true);
		expect(options).toMatchObject({
			port: 0,
			host: '0.0.0.0',
			dataFile: 'x.json',
			keys: [{ key: 'k', secret: 's:with:colons' }],
			tokens: [{ token: 't', secret: 's' }],
			triggers: [{ url: 'http://h/x', events: ['Order Received'] }],
			rateLimitPerMinute: 0,
			maxSkewSeconds: 60,
			allowGatewaySha1: true,
			realtime: true,
			speed: 10,
			delays: { componentPrinted: 5 },
		});
		expect(() => parseArgs(['--bogus'])).toThrow(/Unknown option/);
		expect(() => parseArgs(['--port'])).toThrow(/needs a value/);
	});

	it('prints its URL, keeps an order across SIGTERM and restart', async () => {
		const dataFile = join(dir, 'cli.json');
		const first = await startCli(['--port', '0', '--order-service-port', '0', '--data', dataFile, '--quiet']);
		const reply = await siteFlow(orderServiceRoot(first), 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'CLI-1' }) });
		expect(reply.status).toBe(201);
		const exited = new Promise<number | null>((resolve) => first.child.on('exit', resolve));
		first.child.kill('SIGTERM');
		expect(await exited).toBe(0);
		const second = await startCli(['--port', '0', '--order-service-port', '0', '--data', dataFile, '--quiet']);
		try {
			const read = await siteFlow(second.url, 'GET', `/api/order/${reply.body._id}`);
			expect(read.status).toBe(200);
			expect(read.body.orderData.sourceOrderId).toBe('CLI-1');
		} finally {
			second.child.kill('SIGINT');
			await new Promise((resolve) => second.child.on('exit', resolve));
		}
	}, 45_000);
});
