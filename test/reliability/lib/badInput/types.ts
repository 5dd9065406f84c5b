/**
 * A generated bad-input case and the oracle it carries, written from the API reference
 * (docs/printos-api.md) and the parameter descriptions, not from the node's own checks:
 * - `invalid`: the input cannot be valid (an empty ID, a broken order, a missing binary…). The node
 *   must refuse it with a NodeOperationError and send nothing: the sandbox's request log stays empty.
 * - `mustSend`: the input is valid; the node must not refuse it locally.
 * - neither: anything goes, as long as the run ends in success, a NodeApiError or a
 *   NodeOperationError with a useful message.
 */
import type fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Auth, NodeName } from '../world';

export interface FuzzCase {
	auth: Auth;
	parameters: IDataObject;
	items: INodeExecutionData[];
	requestOptions: IDataObject;
	/** Why the input cannot be valid. */
	invalid?: string;
	/** The input is valid: a local refusal is a bug. */
	mustSend?: boolean;
}

export interface FuzzSpec {
	/** The operation, e.g. `box.file.get`. */
	id: string;
	node: NodeName;
	arbitrary: fc.Arbitrary<FuzzCase>;
}
