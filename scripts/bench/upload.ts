/**
 * Section "upload" of `npm run bench`: a large PDF read from disk in filesystem binary mode and
 * sent by Box Upload Binary and by Site Flow Order Artwork Upload, in the n8n server process.
 * Measured: the peak RSS growth of the server (it must not hold the file) and the SHA-256 of what
 * the sandbox stored, beside a control run that only reads the file (what n8n itself adds).
 */
import fs from 'node:fs';
import path from 'node:path';

import { info, timed } from '../lib/log';
import type { Sandbox } from '../lib/sandbox';
import { writeArtwork } from './artwork';
import { executionError, MemorySampler, nodeRun, runWebhookWorkflow, waitForIdle, type Execution, type N8nTarget } from './n8nRun';
import type { UploadResult, UploadRun } from './report';
import { freshSandboxWindow } from './sandboxLog';
import { NODE, WF } from './workflows';

export async function benchUpload(
	ctx: { target: N8nTarget; sandbox: Sandbox; filesDir: string },
	options: { artworkBytes: number; latencyMs: number; limitPerMinute: number },
): Promise<UploadResult> {
	const warmFile = path.join(ctx.filesDir, 'warmup.pdf');
	const bigFile = path.join(ctx.filesDir, 'artwork-large.pdf');
	await writeArtwork(warmFile, 1024 * 1024);
	const artwork = await timed(`Writing a ${(options.artworkBytes / 1024 ** 2).toFixed(0)} MiB PDF and hashing it`, () =>
		writeArtwork(bigFile, options.artworkBytes),
	);
	await freshSandboxWindow(ctx.sandbox, { latencyMs: options.latencyMs, rateLimit: options.limitPerMinute });
	const flows = [
		{ key: 'control', label: 'Read/Write Files from Disk only (control)', wf: WF.readOnly, node: NODE.read, uploads: false },
		{ key: 'box', label: 'Box Upload Binary', wf: WF.uploadBox, node: NODE.ours, uploads: true },
		{ key: 'siteFlow', label: 'Site Flow Order Artwork Upload', wf: WF.uploadSiteFlow, node: NODE.ours, uploads: true },
	] as const;

	// Warm-up with a small file: code paths loaded, so the large run measures the upload alone.
	for (const flow of flows) {
		const execution = await runWebhookWorkflow(ctx.target, flow.wf.id, flow.wf.path, { path: warmFile });
		const problem = executionError(execution);
		if (problem) throw new Error(`warm-up of ${flow.label} failed: ${problem}`);
	}

	const runs: Record<string, UploadRun> = {};
	for (const flow of flows) {
		await waitForIdle(ctx.target.pid, { windowMs: 1000, maxShare: 0.05, timeoutMs: 30_000 });
		const before = new Set(((await ctx.sandbox.admin('GET', 'uploads')).uploads as Array<{ id: string }>).map((u) => u.id));
		const sampler = new MemorySampler(ctx.target.pid, 50);
		let execution: Execution | undefined;
		let error: string | undefined;
		try {
			execution = await runWebhookWorkflow(ctx.target, flow.wf.id, flow.wf.path, { path: bigFile }, { timeoutMs: 10 * 60_000 });
			error = executionError(execution);
		} catch (e) {
			error = (e as Error).message;
		}
		const memory = sampler.stop();
		const run: UploadRun = {
			label: flow.label,
			seconds: execution ? (nodeRun(execution, flow.node)?.executionTime ?? NaN) / 1000 : null,
			baselineMiB: memory.baselineKb / 1024,
			peakMiB: memory.peakKb / 1024,
			growthMiB: memory.growthKb / 1024,
			hwmReset: memory.hwmReset,
			error,
		};
		if (flow.uploads) {
			const uploads = ((await ctx.sandbox.admin('GET', 'uploads')).uploads as Array<{ id: string; size: number; sha256: string | null; complete: boolean }>).filter(
				(u) => !before.has(u.id) && u.complete,
			);
			const stored = uploads.find((u) => u.size === artwork.size) ?? uploads.at(-1);
			run.storedSha256 = stored?.sha256 ?? null;
			run.storedSize = stored?.size;
			run.hashMatch = stored?.sha256 === artwork.sha256 && stored?.size === artwork.size;
		}
		runs[flow.key] = run;
		info(
			`${flow.label}: RSS ${run.baselineMiB.toFixed(0)} → peak ${run.peakMiB.toFixed(0)} MiB (growth ${run.growthMiB.toFixed(1)} MiB, ${memory.samples} samples${memory.hwmReset ? ', VmHWM reset' : ''}), ` +
				`node ${run.seconds?.toFixed(1) ?? '–'} s${flow.uploads ? `, hash ${run.hashMatch ? 'matches' : 'DIFFERS'}` : ''}${error ? `; error: ${error}` : ''}`,
		);
	}
	fs.rmSync(bigFile, { force: true });
	return {
		sizeBytes: artwork.size,
		sha256: artwork.sha256,
		binaryMode: 'filesystem',
		control: runs.control,
		box: runs.box,
		siteFlow: runs.siteFlow,
	};
}
