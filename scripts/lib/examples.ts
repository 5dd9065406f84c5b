/**
 * The example workflows in examples/*.json. An example marked `"active": true` is meant to run
 * unattended (webhook, schedule, Site Flow trigger): n8n imports every workflow inactive, so the
 * scripts activate those after importing.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { WorkflowJson } from './n8nCli';
import { repoRoot } from './paths';

export const examplesDir = path.join(repoRoot, 'examples');

export const TRIGGER_TYPE = 'n8n-nodes-printos.printOsSiteFlowTrigger';

export interface Example {
	file: string;
	workflow: WorkflowJson;
}

export function loadExamples(): Example[] {
	if (!fs.existsSync(examplesDir)) return [];
	return fs
		.readdirSync(examplesDir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = path.join(examplesDir, name);
			return { file, workflow: JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowJson };
		});
}

export function shouldActivate(workflow: WorkflowJson): boolean {
	return workflow.active === true;
}

type WorkflowNode = { name: string; type: string; parameters?: Record<string, any> };

export function nodesOfType(workflow: WorkflowJson, type: string): WorkflowNode[] {
	return (workflow.nodes as WorkflowNode[]).filter((node) => node.type === type);
}

/** The production URL path of a webhook-style node with a fixed `path` parameter (isFullPath). */
export function webhookPath(workflow: WorkflowJson, type: string): string | undefined {
	const node = nodesOfType(workflow, type)[0];
	const value = node?.parameters?.path;
	return typeof value === 'string' && value ? value : undefined;
}
