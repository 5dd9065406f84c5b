/**
 * The n8n CLI commands the scripts need, for 1.x and 2.x alike (shared n8n notes §3).
 * Imports take plain JSON; the CLI encrypts credential data with the instance's key.
 */
import fs from 'node:fs';
import path from 'node:path';

import { n8nCommand, n8nEnv, type N8nInstance } from './n8nEnv';
import { run, runOrThrow, tail } from './processes';

export interface CredentialImport {
	id: string;
	name: string;
	/** The credential type name, e.g. "printOsApi" (credential types carry no package prefix). */
	type: string;
	/** Plain-text fields; n8n encrypts them on import. */
	data: Record<string, unknown>;
}

export interface WorkflowJson {
	/** At most 16 characters (n8n's id column). */
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/** Runs `n8n <args>` for the instance; CLI commands get their own task-broker port. */
export async function n8nCli(instance: N8nInstance, args: string[]) {
	const [command, fullArgs] = n8nCommand(instance, args);
	return run(command, fullArgs, { env: n8nEnv(instance, instance.cliBrokerPort), cwd: instance.userFolder });
}

async function n8nCliOrThrow(instance: N8nInstance, args: string[]): Promise<string> {
	const [command, fullArgs] = n8nCommand(instance, args);
	return runOrThrow(command, fullArgs, { env: n8nEnv(instance, instance.cliBrokerPort), cwd: instance.userFolder });
}

function writeInput(instance: N8nInstance, name: string, content: unknown): string {
	const dir = path.join(instance.userFolder, 'imports');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.json`);
	fs.writeFileSync(file, JSON.stringify(content, null, 2));
	return file;
}

export async function importCredentials(instance: N8nInstance, credentials: CredentialImport[]): Promise<void> {
	const file = writeInput(instance, 'credentials', credentials);
	try {
		await n8nCliOrThrow(instance, ['import:credentials', `--input=${file}`]);
	} finally {
		// The file holds secrets in plain text; n8n has its own encrypted copy now.
		fs.rmSync(file, { force: true });
	}
}

export async function importWorkflows(instance: N8nInstance, workflows: WorkflowJson[]): Promise<void> {
	if (workflows.length === 0) return;
	for (const workflow of workflows) {
		if (workflow.id.length > 16) throw new Error(`Workflow id "${workflow.id}" is longer than 16 characters`);
	}
	// One file holding an array: one CLI start (5-10 s each) for all of them.
	const file = writeInput(instance, 'workflows', workflows);
	await n8nCliOrThrow(instance, ['import:workflow', `--input=${file}`]);
}

/** Makes a trigger workflow active; takes effect when `n8n start` (re)starts. */
export async function activateWorkflow(instance: N8nInstance, id: string): Promise<void> {
	if (instance.install.major >= 2) {
		await n8nCliOrThrow(instance, ['publish:workflow', `--id=${id}`]);
	} else {
		await n8nCliOrThrow(instance, ['update:workflow', `--id=${id}`, '--active=true']);
	}
}

export interface ExecutionOutcome {
	/** Exit code 0 and no error in the run data. */
	ok: boolean;
	code: number | null;
	/** The run (IRun) n8n printed, when it printed one. */
	run?: RunJson;
	output: string;
}

export interface RunJson {
	status?: string;
	data: {
		resultData: {
			error?: { message?: string; description?: string; [key: string]: unknown };
			runData: Record<string, Array<{ error?: { message?: string }; data?: { main?: Array<Array<{ json: any; binary?: any }> | null> } }>>;
			lastNodeExecuted?: string;
		};
	};
	[key: string]: unknown;
}

/**
 * n8n prints the run as `JSON.stringify(run, null, 2)`, on 2.x after some log lines, and on an
 * error after "Execution error:" — so look for a top-level object: a line ending in "{" up to a
 * line that is exactly "}" (inner lines are indented), and keep the last one that parses as a run.
 */
export function extractRunJson(output: string): RunJson | undefined {
	const lines = output.split('\n');
	let found: RunJson | undefined;
	for (let start = 0; start < lines.length; start++) {
		if (!lines[start].trimEnd().endsWith('{')) continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end].trimEnd() !== '}') continue;
			const first = lines[start].slice(lines[start].lastIndexOf('{'));
			const text = [first, ...lines.slice(start + 1, end + 1)].join('\n');
			try {
				const parsed = JSON.parse(text);
				if (parsed?.data?.resultData) {
					found = parsed;
					start = end;
				}
			} catch {
				// Not JSON from here; try the next start.
			}
			break;
		}
	}
	return found;
}

export async function executeWorkflow(instance: N8nInstance, id: string): Promise<ExecutionOutcome> {
	const result = await n8nCli(instance, ['execute', `--id=${id}`, '--rawOutput']);
	const runJson = extractRunJson(result.output);
	const ok = result.code === 0 && !!runJson && !runJson.data.resultData.error;
	return { ok, code: result.code, run: runJson, output: result.output };
}

/** The items a node output (first run, first output), for assertions. */
export function nodeOutput(runJson: RunJson | undefined, nodeName: string, runIndex = 0, outputIndex = 0): any[] {
	const runs = runJson?.data.resultData.runData[nodeName];
	const items = runs?.[runIndex]?.data?.main?.[outputIndex] ?? [];
	return items.map((item) => item.json);
}

export function describeFailure(outcome: ExecutionOutcome): string {
	const error = outcome.run?.data.resultData.error;
	if (error) return `${error.message ?? 'error'}${error.description ? ` — ${error.description}` : ''}`;
	return `exit ${outcome.code}:\n${tail(outcome.output, 25)}`;
}
