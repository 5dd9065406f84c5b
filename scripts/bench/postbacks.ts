/**
 * Section "postbacks" of `npm run bench`: Site Flow postbacks fired at the Site Flow Trigger and,
 * in alternating rounds, at n8n's own Webhook node with header auth (both → No Operation), in the
 * n8n server process. Measured: postbacks per second and the server's CPU time per postback.
 */
import { POSTBACK_HEADER } from '../lib/credentials';
import { info } from '../lib/log';
import { sleep } from '../lib/n8nServer';
import { cpuTicks, waitForIdle, type N8nTarget } from './n8nRun';
import { firePostbacks, type LoadResult } from './postbackLoad';
import type { PostbackResult, PostbackSide } from './report';
import { WF } from './workflows';

export async function benchPostbacks(
	ctx: { target: N8nTarget; postbackToken: string },
	options: { perSide: number; rounds: number; connections: number; warmUpPerSide: number },
): Promise<PostbackResult> {
	const headers = { [POSTBACK_HEADER]: ctx.postbackToken };
	const urls = {
		ours: `${ctx.target.url}/webhook/${WF.postbackOurs.path}`,
		webhook: `${ctx.target.url}/webhook/${WF.postbackWebhook.path}`,
	};
	const connections = options.connections;
	// warm-up (also waits for the webhooks to be registered)
	for (const [side, url] of Object.entries(urls)) {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const warm = await firePostbacks(url, headers, options.warmUpPerSide, connections);
			if (warm.failed === 0) break;
			if (Date.now() > deadline) throw new Error(`warm-up of the ${side} postback workflow failed: ${JSON.stringify(warm.statuses)}`);
			await sleep(1000);
		}
	}
	// a wrong token must be refused by both, or the comparison is meaningless
	for (const [side, url] of Object.entries(urls)) {
		const refused = await firePostbacks(url, { [POSTBACK_HEADER]: 'wrong-token' }, 1, 1);
		if (refused.ok) throw new Error(`the ${side} postback workflow accepted a wrong token`);
	}
	await waitForIdle(ctx.target.pid);

	const perRound = Math.ceil(options.perSide / options.rounds);
	const totals: Record<'ours' | 'webhook', LoadResult[]> = { ours: [], webhook: [] };
	// ABBA order, so drift (database growth, JIT) weighs on both sides alike
	const order: Array<'ours' | 'webhook'> = [];
	for (let round = 0; round < options.rounds; round++) order.push(...(round % 2 === 0 ? (['ours', 'webhook'] as const) : (['webhook', 'ours'] as const)));
	let index = 0;
	const cpu: Record<'ours' | 'webhook', number> = { ours: 0, webhook: 0 };
	for (const side of order) {
		const ticksBefore = cpuTicks(ctx.target.pid);
		const result = await firePostbacks(urls[side], headers, perRound, connections, index);
		index += perRound;
		totals[side].push(result);
		// let the executions the round started finish before the next round is timed
		await waitForIdle(ctx.target.pid);
		const cpuMs = (cpuTicks(ctx.target.pid) - ticksBefore) * 10;
		cpu[side] += cpuMs;
		info(
			`postbacks, ${side}: ${result.sent} in ${result.seconds.toFixed(2)} s = ${result.perSecond.toFixed(1)}/s, n8n CPU ${(cpuMs / result.sent).toFixed(1)} ms each` +
				`${result.failed ? ` (${result.failed} failed: ${JSON.stringify(result.statuses)})` : ''}`,
		);
	}
	const sum = (list: LoadResult[]): PostbackSide => {
		const sent = list.reduce((n, r) => n + r.sent, 0);
		const seconds = list.reduce((n, r) => n + r.seconds, 0);
		const statuses: Record<string, number> = {};
		for (const r of list) for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
		return { sent, failed: list.reduce((n, r) => n + r.failed, 0), seconds, perSecond: sent / seconds, statuses };
	};
	const ours = sum(totals.ours);
	const webhook = sum(totals.webhook);
	ours.cpuMsEach = cpu.ours / ours.sent;
	webhook.cpuMsEach = cpu.webhook / webhook.sent;
	return { connections, rounds: options.rounds, ours, webhook };
}
