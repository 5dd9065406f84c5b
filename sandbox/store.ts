/**
 * Everything clients create, in memory. Orders are kept in creation order with indexes beside them,
 * so a page of a 20,000-order list is a slice, never a sort.
 */
import type { Json, Trigger } from './types';

export interface UploadRecord {
	id: string;
	/** Random, checked on PUT like a presigned URL's signature; never a request HMAC. */
	signature: string;
	mimeType: string;
	purpose: 'box' | 'siteflow' | 'orderFile';
	orderId?: string;
	fileId?: string;
	uploadUrl: string;
	fetchUrl: string;
	createdAt: string;
	complete: boolean;
	size: number;
	sha256: string | null;
	completedAt?: string;
	/** Whether the bytes can be served back (small uploads, or large ones spilled to `uploadDir`). */
	kept: boolean;
	bytes?: Buffer;
	filePath?: string;
}

export interface SubmissionError {
	_id: string;
	sourceOrderId: string | null;
	sourceAccount: string;
	sourceAccountId: string;
	timestamp: string;
	status: 'submissionerror';
	errorList: Array<{ name: string; message: string; path: string }>;
	url: string;
}

function sourceKey(account: string, sourceOrderId: string): string {
	return `${account}\u0000${sourceOrderId}`;
}

export class Store {
	orders: Json[] = [];
	submissionErrors: SubmissionError[] = [];
	/** Raw payloads the order service stored, served at the `url` it answers with. */
	submissions = new Map<string, unknown>();
	folders = new Map<string, Json>();
	boxFiles = new Map<string, Json>();
	contacts = new Map<string, Json>();
	uploads = new Map<string, UploadRecord>();
	triggers: Trigger[] = [];
	generatedCount = 0;

	private byId = new Map<string, Json>();
	private bySource = new Map<string, Json>();
	private byAccount = new Map<string, Json[]>();
	private byShipment = new Map<string, Json>();
	private byFile = new Map<string, Json>();

	addOrder(order: Json): void {
		this.orders.push(order);
		this.index(order);
	}

	order(id: string): Json | undefined {
		return this.byId.get(id);
	}

	orderBySource(account: string, sourceOrderId: string): Json | undefined {
		return this.bySource.get(sourceKey(account, sourceOrderId));
	}

	/** An account's orders, oldest first. */
	ordersOf(account: string): Json[] {
		return this.byAccount.get(account) ?? [];
	}

	orderByShipment(shipmentId: string): Json | undefined {
		return this.byShipment.get(shipmentId);
	}

	orderByFile(fileId: string): Json | undefined {
		return this.byFile.get(fileId);
	}

	clear(): void {
		this.orders = [];
		this.submissionErrors = [];
		this.submissions.clear();
		this.folders.clear();
		this.boxFiles.clear();
		this.contacts.clear();
		this.uploads.clear();
		this.triggers = [];
		this.generatedCount = 0;
		this.byId.clear();
		this.bySource.clear();
		this.byAccount.clear();
		this.byShipment.clear();
		this.byFile.clear();
	}

	private index(order: Json): void {
		this.byId.set(order._id, order);
		const account = String(order.source?.name ?? '');
		const sourceOrderId = order.orderData?.sourceOrderId;
		if (sourceOrderId !== undefined) this.bySource.set(sourceKey(account, String(sourceOrderId)), order);
		let list = this.byAccount.get(account);
		if (!list) this.byAccount.set(account, (list = []));
		list.push(order);
		for (const shipment of order.orderData?.shipments ?? []) this.byShipment.set(shipment._id, order);
		for (const file of order.files ?? []) this.byFile.set(file._id, order);
	}
}
