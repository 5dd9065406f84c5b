import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';

/** What one item produces; `runItems` pairs it with its input item. */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

/** One operation of a node: its parameters and how it runs one input item. */
export interface NodeOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult>;
}

/** A node's operations, by resource and then by operation value. */
export type OperationTable = Record<string, Record<string, NodeOperation>>;
