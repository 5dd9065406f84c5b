/**
 * What an e2e scenario gets and gives. Scenarios are plain modules run by scripts/e2e.ts against
 * a real n8n (not jest): each declares the workflows it needs (imported before n8n starts) and a
 * `run` that drives n8n, the sandbox and the mail sink, throwing on the first failed check.
 */
import type { CredentialImport, ExecutionOutcome, WorkflowJson } from '../../scripts/lib/n8nCli';
import type { N8nInstance } from '../../scripts/lib/n8nEnv';
import type { N8nInstall } from '../../scripts/lib/n8nHost';
import type { N8nServer, N8nSession, Owner } from '../../scripts/lib/n8nServer';
import type { MailSink } from '../../scripts/lib/mailSink';
import type { Sandbox } from '../../scripts/lib/sandbox';

/** Known before n8n starts (for building workflow JSON). */
export interface SetupInfo {
	major: number;
	sandboxUrl: string;
	/** The sandbox's order service (its own port, `/api/order` as on orders.oneflow.io). */
	orderServiceUrl: string;
	n8nUrl: string;
	smtpPort: number;
	postbackToken: string;
}

export interface E2eEnv extends SetupInfo {
	install: N8nInstall;
	instance: N8nInstance;
	server: N8nServer;
	/** Logged in as the owner (cookie auth, /rest and /types). */
	session: N8nSession;
	owner: Owner;
	apiKey: string;
	sandbox: Sandbox;
	mail: MailSink;
	/** A scratch folder for this run (screenshots go to docs/screenshots instead). */
	tmpDir: string;
	/** `n8n execute --id` (a CLI run while the server runs, as the notes allow). */
	execute(workflowId: string): Promise<ExecutionOutcome>;
	/** Executions of a workflow, newest first, with their data (public API). */
	executions(workflowId: string): Promise<any[]>;
	log(message: string): void;
}

export interface Scenario {
	name: string;
	/** Limit to some n8n majors (default: all). */
	majors?: number[];
	workflows?(setup: SetupInfo): WorkflowJson[];
	credentials?(setup: SetupInfo): CredentialImport[];
	/** Workflow ids to activate before n8n starts. */
	activate?: string[];
	/** How long the scenario may take (default 5 minutes). */
	timeoutMs?: number;
	run(env: E2eEnv): Promise<void>;
}

export class CheckError extends Error {}

export function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new CheckError(message);
}

export function checkEqual<T>(actual: T, expected: T, what: string): void {
	if (JSON.stringify(actual) !== JSON.stringify(expected)) {
		throw new CheckError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}
}

/** A short JSON excerpt for failure messages. */
export function excerpt(value: unknown, max = 600): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

let nodeCounter = 0;

/** A workflow node with sensible defaults, for workflows built in code. */
export function node(
	name: string,
	type: string,
	parameters: Record<string, unknown> = {},
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	nodeCounter += 1;
	return {
		id: `e2e-node-${nodeCounter}`,
		name,
		type,
		typeVersion: 1,
		position: [nodeCounter * 220, 300],
		parameters,
		...extra,
	};
}

/** Connects nodes in a line: chain('A', 'B', 'C'). */
export function chain(...names: string[]): Record<string, unknown> {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

export function workflow(id: string, name: string, nodes: Record<string, unknown>[], connections: Record<string, unknown>): WorkflowJson {
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}
