/**
 * What the fault matrix knows of an operation: how to prepare input items for it, how the transport
 * treats its first request when PrintOS fails it, and how to count what it leaves behind.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RequestEntry } from '../../../../sandbox';
import type { Auth, NodeName, World } from '../world';

/**
 * How the transport treats the operation's first request when PrintOS fails it:
 * - `retried`: GET, PUT, DELETE and Validate: 429, 5xx and lost connections are retried;
 * - `once`: creating POSTs: only 429 is retried; a 5xx fails the item, a lost connection too (the
 *   outcome is unknown, and the message says so);
 * - `lookup`: Order Submit: like `once`, but a lost connection is resolved by looking the order up.
 */
export type FirstRequest = 'retried' | 'once' | 'lookup';

/** What an item leaves behind in PrintOS. `none` for reads and idempotent writes. */
export type EffectKind = 'none' | 'object' | 'command' | 'order';

export interface Prepared {
	parameters: IDataObject;
	items: INodeExecutionData[];
	/** Per item: what identifies its effect (a name, an e-mail, a sourceOrderId, a request path). */
	keys: string[];
}

/** Effects per item (same order as `keys`), counted after the run. */
export type EffectCounter = (world: World, prepared: Prepared, requests: RequestEntry[]) => number[];

/** One operation under one credential: a row of the fault matrix as its runners see it. */
export interface OperationSpec {
	/** e.g. `box.folder.create`, `siteFlow.order.get [gateway]`. */
	id: string;
	label: string;
	node: NodeName;
	auth: Auth;
	first: FirstRequest;
	effect: EffectKind;
	/** The operation PUTs bytes to presigned upload URLs (upload faults apply). */
	uploads?: boolean;
	prepare(world: World, count: number, tag: string): Promise<Prepared>;
	effects?: EffectCounter;
}

/** The input items of one case, and whatever parameters only the setup can know (a folder's ID). */
export interface PreparedInput {
	items: INodeExecutionData[];
	keys?: string[];
	parameters?: IDataObject;
}

/** Builds `count` input items, creating what they act on with faults off. */
export type InputBuilder = (world: World, count: number, tag: string) => Promise<PreparedInput>;

/** One row of the operation table (tables.ts), before it is listed per credential. */
export interface OperationRow {
	node: NodeName;
	resource: string;
	operation: string;
	/** Tells apart rows of one operation (`cancelBySource`); it stands for the operation in the id. */
	variant?: string;
	title: string;
	first: FirstRequest;
	effect: EffectKind;
	uploads?: boolean;
	/** Only the Site Flow token reaches the asynchronous order service: no gateway row. */
	tokenOnly?: boolean;
	/** Valid parameters besides resource and operation; per-item values as `={{ $json.… }}`. */
	parameters?: IDataObject;
	/** Default: `count` items that carry nothing the operation reads. */
	input?: InputBuilder;
	effects?: EffectCounter;
}
