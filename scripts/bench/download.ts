/**
 * Download: a large file into n8n's binary data store through Box File → Download, in the n8n
 * server process with filesystem binary mode. Measured: the peak RSS growth of the n8n server (VmRSS
 * sampled every 50 ms, VmHWM reset first) and the SHA-256 of the file n8n stored, against the bytes
 * the sandbox generated for the file's URL (`/_generated/...`, sandbox/downloads.ts), so the file
 * exists nowhere but in n8n's store once it has arrived.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { generatedSha256, generatedUrl } from '../../sandbox/downloads';
import { chain, node, workflow } from '../../test/e2e/harness';
import { CREDENTIAL_REFS, credentialRef } from '../lib/credentials';
import type { WorkflowJson } from '../lib/n8nCli';
import type { N8nInstance } from '../lib/n8nEnv';
import type { Sandbox } from '../lib/sandbox';
import { executionError, MemorySampler, nodeItems, nodeRun, runWebhookWorkflow, waitForIdle, type N8nTarget } from './n8nRun';
import { NODE, OURS_TYPE, webhookNode } from './workflows';

export const DOWNLOAD_WF = { id: 'benchDownloadBox', path: 'bench-download-box' } as const;

const FILE_NAME = 'download-large.pdf';
const SEED = 'bench-download';

export interface DownloadResult {
	label: string;
	sizeBytes: number;
	sha256: string;
	binaryMode: string;
	seconds: number | null;
	baselineMiB: number;
	peakMiB: number;
	growthMiB: number;
	hwmReset: boolean;
	storedSha256: string | null;
	storedSize?: number;
	hashMatch: boolean;
	error?: string;
}

/** Webhook (body.url) → Create Folder → Add File from that URL → Download, our nodes at their defaults. */
export function downloadWorkflows(): WorkflowJson[] {
	const box = (name: string, parameters: Record<string, unknown>) =>
		node(name, OURS_TYPE.box, parameters, { credentials: credentialRef(CREDENTIAL_REFS.gateway) });
	return [
		workflow(
			DOWNLOAD_WF.id,
			'Bench: Box File Download',
			[
				webhookNode(DOWNLOAD_WF.path),
				box(NODE.folder, { resource: 'folder', operation: 'create', name: 'Benchmark download' }),
				box('Add File', {
					resource: 'file',
					operation: 'uploadFromUrl',
					folderId: { __rl: true, mode: 'id', value: '={{ $json._id }}' },
					url: `={{ $('${NODE.webhook}').first().json.body.url }}`,
					name: FILE_NAME,
				}),
				box(NODE.ours, { resource: 'file', operation: 'download', fileId: { __rl: true, mode: 'id', value: '={{ $json._id }}' } }),
			],
			chain(NODE.webhook, NODE.folder, 'Add File', NODE.ours),
		),
	];
}

/** The newest file of exactly `size` bytes in n8n's binary data folder (metadata files aside). */
function storedFile(instance: N8nInstance, size: number): string | undefined {
	const root = path.join(instance.userFolder, '.n8n', 'binaryData');
	let newest: { file: string; mtimeMs: number } | undefined;
	const walk = (dir: string) => {
		if (!fs.existsSync(dir)) return;
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (!entry.name.endsWith('.metadata')) {
				const stat = fs.statSync(file);
				if (stat.size === size && (!newest || stat.mtimeMs > newest.mtimeMs)) newest = { file, mtimeMs: stat.mtimeMs };
			}
		}
	};
	walk(root);
	return newest?.file;
}

async function fileSha256(file: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

export async function benchDownload(ctx: { target: N8nTarget; sandbox: Sandbox; instance: N8nInstance }, sizeBytes: number): Promise<DownloadResult> {
	const urlOf = (size: number) => generatedUrl(ctx.sandbox.url, size, SEED, FILE_NAME);
	// Warm-up with a small file: code paths loaded, so the large run measures the download alone.
	const warm = await runWebhookWorkflow(ctx.target, DOWNLOAD_WF.id, DOWNLOAD_WF.path, { url: urlOf(1024 * 1024) });
	const warmProblem = executionError(warm);
	if (warmProblem) throw new Error(`warm-up of the download failed: ${warmProblem}`);

	await waitForIdle(ctx.target.pid, { windowMs: 1000, maxShare: 0.05, timeoutMs: 30_000 });
	const sampler = new MemorySampler(ctx.target.pid, 50);
	let error: string | undefined;
	let seconds: number | null = null;
	try {
		const execution = await runWebhookWorkflow(ctx.target, DOWNLOAD_WF.id, DOWNLOAD_WF.path, { url: urlOf(sizeBytes) }, { timeoutMs: 10 * 60_000 });
		error = executionError(execution);
		seconds = (nodeRun(execution, NODE.ours)?.executionTime ?? NaN) / 1000;
		const binary = nodeItems(execution, NODE.ours)[0]?.binary?.data;
		if (!error && !String(binary?.id ?? '').startsWith('filesystem')) error = `the binary is not in the filesystem store: ${JSON.stringify(binary).slice(0, 200)}`;
	} catch (failure) {
		error = (failure as Error).message;
	}
	const memory = sampler.stop();

	const sha256 = generatedSha256(sizeBytes, SEED);
	const file = storedFile(ctx.instance, sizeBytes);
	const storedSha256 = file ? await fileSha256(file) : null;
	return {
		label: 'Box File Download',
		sizeBytes,
		sha256,
		binaryMode: 'filesystem',
		seconds,
		baselineMiB: memory.baselineKb / 1024,
		peakMiB: memory.peakKb / 1024,
		growthMiB: memory.growthKb / 1024,
		hwmReset: memory.hwmReset,
		storedSha256,
		storedSize: file ? fs.statSync(file).size : undefined,
		hashMatch: storedSha256 === sha256,
		error,
	};
}
