/**
 * Calls a node's loadOptions / listSearch methods inside n8n-core's real LoadOptionsContext, as the
 * editor does when a picker opens: the node's own parameters (e.g. Site Flow's `authentication`)
 * come from the workflow node, and requests go through n8n's `httpRequestWithAuthentication` and the
 * credential's real `authenticate`. Only the credential store is a stand-in, the one `runNode` uses.
 * (`n8nRun.ts` runs executions; this runs pickers.)
 */
import type {
	ICredentialDataDecryptedObject,
	ILoadOptionsFunctions,
	INode,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { TestCredentialsHelper } from './n8nRun';

export interface LoadOptionsRunOptions {
	nodeType: INodeType;
	/** Credential data by credential type; the node refers to each. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's parameters as they stand when the picker opens. */
	parameters?: INodeParameters;
	/** The parameter the picker fills, as n8n names it, e.g. `parameters.additionalFields`. */
	path?: string;
}

export function loadOptionsContext(options: LoadOptionsRunOptions): ILoadOptionsFunctions {
	const { nodeType } = options;
	const parameters = options.parameters ?? {};
	const credentials: INode['credentials'] = {};
	for (const type of Object.keys(options.credentials)) credentials[type] = { id: `${type}-id`, name: `${type} test` };
	const node: INode = {
		id: 'picker',
		name: nodeType.description.defaults.name ?? nodeType.description.displayName,
		type: nodeType.description.name,
		typeVersion: Array.isArray(nodeType.description.version) ? Math.max(...nodeType.description.version) : nodeType.description.version,
		position: [0, 0],
		parameters,
		credentials,
	};
	const workflow = new Workflow({
		id: 'load-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: (_type: string, version?: number) => NodeHelpers.getVersionedNodeType(nodeType, version),
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		currentNodeParameters: parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'parameters');
}
