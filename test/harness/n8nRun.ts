/**
 * Runs one of our nodes inside n8n-core's real WorkflowExecute: a tiny input node feeds the given
 * items to the node under test, and n8n's own execution context, request helpers and credential
 * authentication path (`httpRequestWithAuthentication` → credentialsHelper.authenticate → our
 * credential's `authenticate`) do the rest. The only stand-in is the credential store.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core reads its user folder and binary-data mode at import time.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'printos-n8n-'));
process.env.N8N_DEFAULT_BINARY_DATA_MODE ??= 'default';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createDeferredPromise,
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { PrintOsApi } from '../../credentials/PrintOsApi.credentials';
import './n8nCoreShutdown';
import { SiteFlowApi } from '../../credentials/SiteFlowApi.credentials';

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	printOsApi: new PrintOsApi(),
	siteFlowApi: new SiteFlowApi(),
};

export function registerCredentialType(type: ICredentialType) {
	CREDENTIAL_TYPES[type.name] = type;
}

/**
 * Hands credentials to n8n-core and signs through the credential classes' real `authenticate`.
 * Also used by `loadOptionsRun.ts`, for the editor's pickers.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** A store object, or a function for stores a test replaces between requests. */
	constructor(
		private readonly store:
			| Record<string, ICredentialDataDecryptedObject>
			| (() => Record<string, ICredentialDataDecryptedObject>),
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		if (typeof type?.authenticate !== 'function') return requestOptions;
		return await type.authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = (typeof this.store === 'function' ? this.store() : this.store)[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		// n8n hands every request a copy; so do we
		return { ...data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return (CREDENTIAL_TYPES[type] ?? CREDENTIAL_TYPES.printOsApi).properties;
	}
}

const INPUT_NODE_TYPE = 'test.input';

/** Emits the items stored in its `items` parameter (binary included), like a previous node would. */
class InputNode implements INodeType {
	description = {
		displayName: 'Test Input',
		name: INPUT_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Feeds test items',
		defaults: { name: 'Input' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [pendingInputs.get(this.getWorkflow().id as string) ?? []];
	}
}

const pendingInputs = new Map<string, INodeExecutionData[]>();

class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string) {
		return this.types[nodeType];
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.types[nodeType], version);
	}

	getKnownTypes() {
		return {};
	}
}

let binaryReady: Promise<void> | undefined;
function ensureBinaryDataService() {
	binaryReady ??= Container.get(BinaryDataService).init();
	return binaryReady;
}

export interface RunNodeOptions {
	nodeType: INodeType | IVersionedNodeType;
	parameters: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** n8n's Settings → On Error; "continueErrorOutput" gives the node its error output. */
	onError?: INode['onError'];
	typeVersion?: number;
	mode?: WorkflowExecuteMode;
	/** Called once the execution runs, with its `cancel` (what the editor's Stop button calls). */
	onStarted?: (execution: { cancel(): void }) => void;
}

export interface RunNodeResult {
	/** Output items of the node under test (first output), or [] when it failed. */
	items: INodeExecutionData[];
	/** All outputs. */
	outputs: INodeExecutionData[][];
	/** The node's error when the execution failed. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
}

let runCounter = 0;

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	await ensureBinaryDataService();
	const nodeTypeName = 'test.nodeUnderTest';
	const workflowId = `wf${++runCounter}`;
	pendingInputs.set(workflowId, options.items ?? [{ json: {} }]);

	const description = 'description' in options.nodeType ? options.nodeType.description : undefined;
	const versions = (description as { version?: number | number[] } | undefined)?.version;
	const defaultVersion =
		(options.nodeType as IVersionedNodeType).currentVersion ??
		(Array.isArray(versions) ? versions[versions.length - 1] : versions) ??
		1;

	const credentialRefs: INode['credentials'] = {};
	for (const type of Object.keys(options.credentials ?? {})) {
		credentialRefs[type] = { id: `${type}-id`, name: `${type} test` };
	}

	const nodes: INode[] = [
		{
			id: 'input',
			name: 'Input',
			type: INPUT_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'under-test',
			name: 'PrintOS',
			type: nodeTypeName,
			typeVersion: options.typeVersion ?? defaultVersion,
			position: [200, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: credentialRefs,
			continueOnFail: options.continueOnFail ?? false,
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	const workflow = new Workflow({
		id: workflowId,
		name: 'test',
		nodes,
		connections: { Input: { main: [[{ node: 'PrintOS', type: 'main', index: 0 }]] } },
		nodeTypes: new TestNodeTypes({
			[INPUT_NODE_TYPE]: new InputNode(),
			[nodeTypeName]: options.nodeType,
		}),
		active: false,
		settings: {},
	});

	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', workflowId, {
		id: workflowId,
		name: 'test',
		active: false,
		nodes,
		connections: workflow.connectionsBySourceNode,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished.resolve(fullRunData));

	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(options.credentials ?? {}),
		executionId: workflowId,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode('Input')!, data: { main: [[{ json: {} }]] }, source: null },
			],
		},
	});
	const execution = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
	const running = execution.processRunExecutionData(workflow);
	options.onStarted?.(running);
	await running;
	const run = await finished.promise;
	pendingInputs.delete(workflowId);

	const taskData = run.data.resultData.runData.PrintOS?.[0];
	const outputs = (taskData?.data?.main ?? []) as INodeExecutionData[][];
	const error = (taskData?.error ?? run.data.resultData.error) as RunNodeResult['error'];
	return { items: outputs[0] ?? [], outputs, error, run };
}
