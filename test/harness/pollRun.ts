/**
 * Runs a polling trigger's `poll` inside n8n-core's real PollContext, as n8n's ActiveWorkflows does
 * on every Poll Times tick: the same request helpers, credential path (our credential's real
 * `authenticate`) and workflow static data. The static data is handed in and read back, so a test
 * can keep it between polls, or start a new workflow object from it as n8n does after a restart.
 */
import './n8nRun';

import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './n8nRun';

export interface PollOptions {
	nodeType: INodeType;
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The workflow's static data as n8n stored it after the previous poll; `{}` for a fresh activation. */
	staticData?: IDataObject;
	/** 'trigger' for an active workflow's poll; 'manual' for the editor's "Fetch Test Event". */
	mode?: WorkflowExecuteMode;
}

export interface PollResult {
	/** The first output's items, or [] when the poll found nothing (n8n then starts no execution). */
	items: INodeExecutionData[];
	started: boolean;
	/** The static data after the poll, as n8n would save it (a plain copy). */
	staticData: IDataObject;
}

const NODE_TYPE = 'test.pollUnderTest';

export async function pollOnce(options: PollOptions): Promise<PollResult> {
	const credentialRefs: INode['credentials'] = {};
	for (const type of Object.keys(options.credentials)) credentialRefs[type] = { id: `${type}-id`, name: `${type} test` };
	const node: INode = {
		id: 'poll-node',
		name: 'Order Trigger',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: credentialRefs,
	};
	const nodeTypes: INodeTypes = {
		getByName: () => options.nodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(options.nodeType, 1),
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({
		id: 'poll-wf',
		name: 'poll test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		settings: {},
		staticData: structuredClone(options.staticData ?? {}),
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		executionId: 'poll',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(workflow, workflow.getNode(node.name) as INode, additionalData, mode, 'activate');
	const output = await (options.nodeType.poll as NonNullable<INodeType['poll']>).call(context);
	const staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	delete staticData.__dataChanged;
	return { items: output?.[0] ?? [], started: !!output, staticData };
}
