import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';

/** What one item produces; `runItems` pairs it with its input item. */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

/** One operation module: its parameters and how it runs one input item. */
export interface SiteFlowOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult>;
}
